"""Feedback after every session: a few plain questions to each expert who attended, answered in the portal or by a link in an email, anonymously to the reports if they choose (issue 13)."""
