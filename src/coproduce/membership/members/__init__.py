"""Foundation Trust members: constituencies, joining, updating and leaving, and the membership office's view of how representative membership is (issue 15)."""
