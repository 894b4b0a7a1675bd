"""Retention (requirements section 4): the policy table, what expired where, the purge.

:mod:`.policy` reads the one policy table (import it alone: it has no other dependencies);
:mod:`.rules` says where each dataset lives; :mod:`.expiry` finds what is past its window (for
the checks and the purge alike); :mod:`.purge` deletes it in every layer and logs it to
``audit.retention_log`` (:mod:`.audit`).
"""
