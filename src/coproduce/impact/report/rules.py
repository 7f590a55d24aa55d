"""Who may do what with the Experts Report. The involvement lead writes it, chooses its case
studies and publishes it; coordinators read drafts as well as published reports; staff and
experts read published reports. Finance and administrators read none: they have no part in
involvement work, and a published report reaches the public through the Local Account."""

import rules

from coproduce.accounts.rules import (
    is_expert,
    is_involvement_lead,
    is_involvement_team,
    is_staff_member,
)

rules.add_perm("report.read_reports", is_involvement_team | is_staff_member | is_expert)
rules.add_perm("report.read_drafts", is_involvement_team)
rules.add_perm("report.write_report", is_involvement_lead)
