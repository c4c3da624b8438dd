"""The caseworker's pages, one module per blueprint: the caseload and the citizen's pages, the plan, the
meetings, handing over, adding a citizen. Every read of a citizen's data is audited (caseworker.services)."""
