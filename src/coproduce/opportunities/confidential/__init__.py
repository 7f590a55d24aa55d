"""Confidential work: serious incident and patient safety investigations.

Only the work's named staff and the experts invited to it see its title, papers and sessions
(see `opportunities.visibility`). This package adds what such work needs beyond an ordinary
opportunity: marking it confidential with its named staff, papers shared through the product
with every opening recorded and withdrawn when the work closes, and the debrief and
wellbeing check-in offered to each expert after each session they attended."""
