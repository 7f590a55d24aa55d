"""Who may see confidential work, as filters any query can add.

Confidential work (serious incident and patient safety investigations) is seen only by:

- its named staff (the person who asked for it is named when it is marked confidential;
  coordinators and the involvement lead see it only if they are named too), and
- the experts invited to it, who see only the sessions they are invited to.

Everyone else, whatever their role, reads as if it did not exist. Work that is not
confidential is unaffected. These build `Q` objects so that lists keep their fixed number of
queries: the checks are subqueries in the same SQL, never extra round trips.
"""

from coproduce.opportunities.models import not_confidential_q, opportunity_q, session_q

__all__ = ["not_confidential_q", "opportunity_q", "session_q"]
