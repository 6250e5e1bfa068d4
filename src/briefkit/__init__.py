"""briefkit: structured, sourced data in; a policy brief (HTML and PDF) out."""
