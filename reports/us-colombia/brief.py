"""The US–Colombia brief's own editorial logic: what its spec (brief.yml) cannot express.

Figure captions and alt texts whose wording depends on the data's shape, and two trade facts.
Each function is named in brief.yml (`use:`). Captions get `f`, the facts as the caption prints
them: `f[key].text` is the printed form (a marked claim in captions, plain text in alt text), and
`f.plain_text(key)` the fact's own words, for comparisons."""
from __future__ import annotations

from briefkit import numbers as fmt
from briefkit.facts import Fact, FactBook
from briefkit.series import latest_shared

EXPORTS, IMPORTS = "us_goods_exports", "us_goods_imports"


# --- facts -----------------------------------------------------------------------------
def balance_run(book: FactBook, key: str) -> Fact:
    """'a surplus every year since 2014', or 'a surplus in 2025' when the run is one year."""
    since, balance = book["trade.balance.run_since"], book["trade.balance.latest"]
    word = "surplus" if balance.value > 0 else "deficit"
    period = balance.period
    text = f"a {word} every year since {since.text}" if since.text != period else f"a {word} in {period}"
    return book.make(key, text, period=since.period, sources=since.sources, method="run of the same sign")


def exports_change_5y(book: FactBook, key: str) -> Fact:
    """US exports' change over five years to the latest year both trade series have, saying so when
    the year compared with was itself a dip or a spike."""
    exports = book.summary(EXPORTS)
    x, _ = latest_shared(exports, book.summary(IMPORTS))
    before = exports.years_before(x, 5)
    if before is None:
        return book.make(key, f"no figure for {int(x['period']) - 5} to compare with", period=x["period"], rows=[x],
                         method="change over 5 years")
    outlier = exports.unusual(before)
    text = (f"{fmt.change(before['value'], x['value'], exports.unit)} over five years"
            + (f", measured from {outlier}" if outlier else ""))
    return book.make(key, text, period=x["period"], rows=[before, x], method="change over 5 years")


PLAN_COLOMBIA_LAST_FY = 2015   # Plan Colombia ran FY2000–FY2015; Peace Colombia followed from FY2016


def aid_peak_era(book: FactBook, key: str) -> Fact:
    """', in the Plan Colombia years' after the aid peak's words when that peak falls in them (and
    is not the latest year itself); nothing otherwise, so a revision that moves the peak cannot
    leave the clause behind."""
    aid = book.summary("aid_disbursements")
    in_plan = int(str(aid.peak["period"])[:4]) <= PLAN_COLOMBIA_LAST_FY and not aid.is_peak()
    return Fact(key, ", in the Plan Colombia years" if in_plan else "", method="era of the aid peak", markup=True)


# --- words decided by the data ------------------------------------------------------------
def _record(f, measure: str) -> str:
    """', the highest since the series began in 2001', or nothing when the latest value is no record."""
    return "" if f.plain_text(f"{measure}.record") == "not a record" else f", {f[f'{measure}.record'].text}"


def _course(f, measure: str) -> str:
    """'peaked at X in P and was Y in Q', or 'reached Y in Q, the highest ...' when the latest is the peak."""
    latest, peak = f[f"{measure}.latest"], f[f"{measure}.peak"]
    if peak.period == latest.period:
        return f"reached {latest.text} in {latest.period}{_record(f, measure)}"
    return f"peaked at {peak.text} in {peak.period} and was {latest.text} in {latest.period}{_record(f, measure)}"


def _partial(f, measure: str, template: str) -> str:
    """`template` filled with the incomplete period's value and period, or nothing if there is none."""
    if f.book.summary(measure).partial.empty:
        return ""
    return template.format(value=f[f"{measure}.partial"].text, period=f[f"{measure}.partial_period"].text)


# --- trade --------------------------------------------------------------------------------
def trade_caption(f) -> str:
    balance, since = f["trade.balance.latest"], f["trade.balance.run_since"]
    more, less = ("exports to", "imports") if balance.value > 0 else ("imports from", "exports")
    if f.plain_text("trade.balance.run_since") == balance.period:
        return f"US goods {more} Colombia exceeded {less} in {since.text}"
    return f"US goods {more} Colombia have exceeded {less} every year since {since.text}"


def trade_alt(f) -> str:
    deficits = f["trade.balance.deficit_years"]
    return (f"Line chart of annual US goods exports to and imports from Colombia, "
            f"{f[f'{EXPORTS}.first_period'].text}–{f[f'{EXPORTS}.latest_period'].text}. "
            f"In {f[f'{EXPORTS}.latest_period'].text} exports were {f[f'{EXPORTS}.latest'].text} "
            f"and imports {f[f'{IMPORTS}.latest'].text}, a US {f['trade.balance.latest'].text}. "
            + ("Exports exceeded imports in every year shown." if f.plain_text("trade.balance.deficit_years") == "none"
               else f"Imports exceeded exports in {deficits.text}."))


# --- counter-narcotics ----------------------------------------------------------------------
COCA, COCAINE = "coca_area_unodc", "cocaine_production_unodc"


def coca_caption(f) -> str:
    highs = [f.plain_text(f"{m}.record").startswith("the highest") for m in (COCA, COCAINE)]
    same = f.plain_text(f"{COCA}.latest_period") == f.plain_text(f"{COCAINE}.latest_period")
    # A value that rests on a leaked, unpublished estimate says so where it is stated.
    leaked = {m: f.plain_text(f"{m}.latest_status") == "leaked" for m in (COCA, COCAINE)}
    area_note = " (a leaked estimate)" if leaked[COCA] else ""
    output_note = " (a leaked estimate)" if leaked[COCAINE] else ""
    if all(highs) and same and not any(leaked.values()):
        return f"Coca cultivation and potential cocaine output reached record highs in {f[f'{COCA}.latest_period'].text}"
    return (f"Coca cultivation was {f[f'{COCA}.latest'].text} in {f[f'{COCA}.latest_period'].text}{_record(f, COCA)}"
            f"{area_note}; potential cocaine output {f[f'{COCAINE}.latest'].text} in "
            f"{f[f'{COCAINE}.latest_period'].text}{output_note}")


def coca_alt(f) -> str:
    latest, low, period = f[f"{COCA}.latest"], f[f"{COCA}.low"], f[f"{COCA}.latest_period"].text
    course = (f"at {latest.text} in {period}" if latest.value == low.value else
              f"falling to a low of {low.text} in {f[f'{COCA}.low_periods'].text} and rising to {latest.text} in {period}")
    leaked = f.plain_text(f"{COCA}.leaked_periods")
    return (f"Two charts. Left: coca cultivation in Colombia by year since {f[f'{COCA}.first_period'].text}, "
            f"{course}{_record(f, COCA)}. Right: potential cocaine production, "
            f"{f[f'{COCAINE}.latest'].text} in {f[f'{COCAINE}.latest_period'].text}, "
            f"{f['cocaine.change_since_inauguration'].text} since {f['petro.first_year'].text}."
            + ("" if leaked == "none" else f" The {f[f'{COCA}.leaked_periods'].text} values were leaked, not officially published."))


ERADICATION, SEIZURES = "eradication_forced_manual", "cocaine_seizures"


def enforcement_caption(f) -> str:
    peak, latest = f[f"{ERADICATION}.peak"], f[f"{ERADICATION}.latest"]
    if peak.period == latest.period:
        eradication = f"Forced eradication reached a record {latest.text} in {latest.period}"
    elif latest.value == peak.value:
        eradication = f"Forced eradication is level with its {peak.period} peak"
    else:
        # the claim as the ledger has it ('down 93%'): a span's text must be its entry's text
        eradication = f"Forced eradication is {f[f'{ERADICATION}.change_from_peak'].text} from its {peak.period} peak"
    seized, before = f[f"{SEIZURES}.latest"], f[f"{SEIZURES}.previous"]
    partial = None if f.book.summary(SEIZURES).partial.empty else f[f"{SEIZURES}.partial"]
    if partial is not None and partial.value > seized.value:  # a record year must not hide higher partial counts
        seizures = f"seizures kept rising into {partial.period} (partial counts)"
    elif f.plain_text(f"{SEIZURES}.record").startswith("the highest"):
        seizures = f"seizures reached a record in {seized.period}"
    else:
        seizures = f"seizures {'rose' if seized.value > before.value else 'fell'} in {seized.period}"
    return f"{eradication} while {seizures}"


def enforcement_alt(f) -> str:
    partial = not f.book.summary(SEIZURES).partial.empty
    return (f"Two bar charts. Left: hectares of coca eradicated by force, which {_course(f, ERADICATION)}; "
            f"years with no figure in this data are marked as such. Right: cocaine seized, "
            f"{f[f'{SEIZURES}.latest'].text} in {f[f'{SEIZURES}.latest_period'].text}"
            f"{_record(f, SEIZURES)}"
            + (f" among complete years; then {f[f'{SEIZURES}.partials_described'].text}, years not complete (hatched)"
               if partial else "") + ".")


# --- assistance, migration, rural development, Venezuela -------------------------------------
AID = "aid_disbursements"


def aid_caption(f) -> str:
    return (f"US assistance disbursed to Colombia was {f[f'{AID}.latest'].text} in {f[f'{AID}.latest_period'].text}"
            + _partial(f, AID, "; reporting for {period} is incomplete"))


def aid_alt(f) -> str:
    change = f[f"{AID}.change_1y"]
    return (f"Bar chart of US assistance to Colombia by fiscal year, all agencies. Disbursements were "
            f"{f[f'{AID}.latest'].text} in {f[f'{AID}.latest_period'].text}"
            + ("" if change.value is None else f" ({change.text} on the year before)")
            + f" and obligations {f['aid_obligations.latest'].text}."
            + _partial(f, AID, " Figures reported so far for {period} ({value} disbursed) are incomplete and drawn hatched."))


def migration_caption(f) -> str:
    return (f"Colombia counted {f['venezuelans_in_colombia.latest_millions'].text} Venezuelan residents in "
            f"{f['venezuelans_in_colombia.latest_period'].text}; Border Patrol encounters with Colombians "
            f"were highest in {f['usbp_encounters_colombians.peak_period'].text}")


def migration_alt(f) -> str:
    return (f"Left: line chart of Venezuelans living in Colombia by official count, which "
            f"{_course(f, 'venezuelans_in_colombia')}. Right: bar chart of US Border Patrol encounters with "
            f"Colombian nationals by fiscal year, which {_course(f, 'usbp_encounters_colombians')}.")


def poverty_alt(f) -> str:
    missing = f.plain_text("mpi_poverty_rural.missing_periods")
    return (f"Line chart of multidimensional poverty in Colombia, {f['mpi_poverty_rural.first_period'].text}–"
            f"{f['mpi_poverty_rural.latest_period'].text}. Rural poverty {_course(f, 'mpi_poverty_rural')}; "
            f"urban poverty {_course(f, 'mpi_poverty_urban')}."
            + ("" if missing == "none" else f" No split by area was found for {f['mpi_poverty_rural.missing_periods'].text}."))


VENEZUELA_TRADE = "colombia_venezuela_trade"


def venezuela_caption(f) -> str:
    period = f[f"{VENEZUELA_TRADE}.latest_period"].text
    if f.plain_text(f"{VENEZUELA_TRADE}.low_period") == f.plain_text(f"{VENEZUELA_TRADE}.latest_period"):
        return (f"Colombia–Venezuela trade fell to {f[f'{VENEZUELA_TRADE}.latest'].text} in {period}"
                f"{_record(f, VENEZUELA_TRADE)}")
    return (f"Colombia–Venezuela trade in {period} was {f[f'{VENEZUELA_TRADE}.times_low'].text} its "
            f"{f[f'{VENEZUELA_TRADE}.low_period'].text} low")


def venezuela_alt(f) -> str:
    period, latest = f[f"{VENEZUELA_TRADE}.latest_period"].text, f[f"{VENEZUELA_TRADE}.latest"].text
    low_at_latest = f.plain_text(f"{VENEZUELA_TRADE}.low_period") == f.plain_text(f"{VENEZUELA_TRADE}.latest_period")
    low = "" if low_at_latest else (f"It fell to {f[f'{VENEZUELA_TRADE}.low'].text} in "
                                    f"{f[f'{VENEZUELA_TRADE}.low_period'].text}; ")
    return (f"Bar chart of goods trade between Colombia and Venezuela. {low}{'it' if low else 'It'} was {latest} "
            f"in {period}{_record(f, VENEZUELA_TRADE)}; years without a published total are blank.")
