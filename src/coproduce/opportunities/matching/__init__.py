"""Matching experts to an opportunity: the shortlist. One job per module:

- rules.py: the rules and their weights, and the rules in words for the page;
- setting.py: what every expert is measured against (sessions, venue, slots, fee);
- candidates.py: the one query that loads the candidates, with the counts done in SQL;
- points.py: the rules the database adds up for every candidate, in SQL;
- scoring.py: the rest of the points, the reasons rule by rule, and the ranking (Ranking);
- reasons.py: the words of each reason, and why an expert is shown apart;
- apart.py: who cannot be invited yet (prerequisites, invitations already made);
- shortlist.py: putting it together for the page."""
