"""Foundation Trust membership: members, constituencies, surveys, elections, ballots, counts."""
