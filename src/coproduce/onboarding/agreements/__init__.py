"""Agreements experts sign — the confidentiality agreement, the code of conduct, the privacy
notice, role descriptions — each published by the involvement lead in versions, with an Easy
Read version beside each; signed in the portal by the expert or on paper, recorded for them."""
