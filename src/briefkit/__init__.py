"""briefkit: structured, sourced data in; a policy brief (HTML and PDF) out."""


class BriefError(Exception):
    """A build step cannot go on; the message tells the user what to fix."""
