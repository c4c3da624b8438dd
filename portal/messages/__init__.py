"""Beskeder: the written conversation between a citizen and their caseworker, in threads that may
be linked to a plan item, a meeting or a homework task. A sent message is never changed or deleted."""
