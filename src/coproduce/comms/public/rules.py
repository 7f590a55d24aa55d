"""Who may do what in the public pages: everyone reads them, without signing in
(core.middleware.PUBLIC_URL_NAMES); the involvement lead writes their words."""

import rules

from coproduce.accounts.rules import is_involvement_lead

rules.add_perm("public_pages.set_words", is_involvement_lead)
