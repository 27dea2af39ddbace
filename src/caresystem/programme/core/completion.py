"""When a piece of work is done, said once for the plan's milestones and deliverables and the actions log: its status
and its actual (completion) date agree, and nothing is done later than today.

The rule: a done status (complete, done) needs the date it was done; a date it was done needs a done status (an item
not started, in progress, on hold or cancelled was not completed on a date); the date is today or earlier.
"""

from dataclasses import dataclass
from datetime import date

from caresystem.clock import long_date
from caresystem.errors import FieldError


@dataclass(frozen=True)
class Completion:
    done_status: str         # the status that means done ("complete", "done")
    date_field: str          # the field holding the day it was done ("actual_date", "completed_on")
    date_label: str          # that field as the messages name it ("an actual date")
    statuses: dict[str, str]  # every status and its label, for the messages

    def errors(self, values: dict, today: date) -> list[FieldError]:
        """Problems with `values` (a record's status and done date, after the change) as of `today`."""
        status, done_on = values.get("status"), values.get(self.date_field)
        if status not in self.statuses:
            return []  # the status itself is refused elsewhere
        done_label = self.statuses[self.done_status]
        errors = []
        if done_on is not None and done_on > today:
            errors.append(FieldError(self.date_field, f"must not be in the future (today is {long_date(today)})"))
        if status == self.done_status and done_on is None:
            errors.append(FieldError(self.date_field, f"is required when the status is {done_label}"))
        elif done_on is not None and status != self.done_status:
            errors.append(FieldError("status", f"cannot be {self.statuses[status]} when {self.date_label} is given: "
                                               f"make it {done_label}, or clear the date"))
        return errors
