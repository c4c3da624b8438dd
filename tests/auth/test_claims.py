"""How the portal reads what a provider says: the NSIS level by its last word, the CPR claim by its
configured name, MFA from amr or a configured acr, role and jobcentre from configured groups."""

from __future__ import annotations

import pytest

from portal.auth import labels, oidc
from portal.i18n import force_locale


@pytest.mark.parametrize(
    ("claims", "level"),
    [
        ({"acr": "https://data.gov.dk/concept/core/nsis/loa/Substantial"}, "substantial"),
        ({"acr": "https://data.gov.dk/concept/core/nsis/Substantial"}, "substantial"),
        ({"acr": "Substantial"}, "substantial"),
        ({"loa": "https://data.gov.dk/concept/core/nsis/loa/High"}, "high"),
        ({"acr": "urn:something-else", "loa": "Low"}, "low"),
        ({"acr": "https://data.gov.dk/concept/core/nsis/loa/Betydelig"}, None),
        ({"acr": ["Substantial"]}, None),
        ({}, None),
    ],
)
def test_the_level_is_the_last_word_of_acr_or_loa(claims, level):
    assert oidc.nsis_level(claims) == level


@pytest.mark.parametrize(
    ("level", "minimum", "enough"),
    [
        ("low", "Substantial", False),
        ("substantial", "Substantial", True),
        ("high", "Substantial", True),
        ("substantial", "High", False),
        (None, "Low", False),
    ],
)
def test_a_level_is_enough_when_it_is_at_least_the_minimum(level, minimum, enough):
    assert oidc.level_suffices(level, minimum) is enough


def test_the_cpr_claim_is_named_in_config(make_app):
    app = make_app(MITID_CPR_CLAIM="cprNumber")
    with app.app_context():
        assert oidc.cpr_claim({"cprNumber": "0104901234", "dk:cpr": "1111111111"}) == "0104901234"
        assert oidc.cpr_claim({"cprNumber": 104901234}) is None


def test_staff_claims_map_through_config(make_app):
    app = make_app(
        STAFF_ROLE_CLAIM="roles",
        STAFF_ROLES="abc-123=caseworker def-456=auditor",
        STAFF_JOBCENTRE_CLAIM="groups",
        STAFF_JOBCENTRES="g-odense=0461 g-holbaek=0316",
        STAFF_MFA_ACR="urn:mfa http://schemas.microsoft.com/claims/multipleauthn",
    )
    with app.app_context():
        assert oidc.staff_role({"roles": ["def-456", "abc-123"]}) == "caseworker", "caseworker wins"
        assert oidc.staff_role({"roles": "def-456"}) == "auditor"
        assert oidc.staff_role({"groups": ["abc-123"]}) is None, "only the configured claim counts"
        assert oidc.jobcentre_code({"groups": ["g-odense", "other"]}) == "0461"
        assert oidc.jobcentre_code({"groups": ["g-odense", "g-holbaek"]}) is None, "two jobcentres: none"
        assert oidc.has_mfa({"amr": ["pwd", "mfa"]})
        assert oidc.has_mfa({"acr": "http://schemas.microsoft.com/claims/multipleauthn"})
        assert not oidc.has_mfa({"amr": ["pwd"], "acr": "urn:password"})
        assert not oidc.has_mfa({"amr": "pwd mfa-less"})


def test_every_refusal_has_danish_and_english_text(app):
    with app.test_request_context():
        for provider in ("mitid", "staff"):
            for reason in [key for key in labels.REFUSALS if isinstance(key, str)]:
                danish = [str(text) for text in labels.refusal_text(provider, reason)]
                with force_locale("en"):
                    english = [str(text) for text in labels.refusal_text(provider, reason)]
                assert all(danish) and all(english)
                assert danish != english, f"{reason}: no English text"
