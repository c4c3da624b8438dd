"""The caseworker's workspace: caseload, the citizen page and what is done from it."""

#: Why a caseworker opens a citizen's data; stored in Danish, shown in the citizen's access log.
PURPOSE_CASEWORK = "Sagsbehandling"
