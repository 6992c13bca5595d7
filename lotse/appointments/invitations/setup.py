"""Registration of the invitation pages with the core (called from AppointmentsConfig.ready)."""

from __future__ import annotations


def ready() -> None:
    from lotse.appointments.invitations.rules import invitation_may, narrow_to
    from lotse.appointments.models_invitations import Invitation, InvitationRun
    from lotse.core import policy
    from lotse.core.context_processors import register_navigation

    policy.register(
        InvitationRun, policy.ModelRules(may=invitation_may, narrow=narrow_to("organisation"))
    )
    policy.register(
        Invitation, policy.ModelRules(may=invitation_may, narrow=narrow_to("run__organisation"))
    )

    from lotse.appointments.invitations.views import navigation, person_section
    from lotse.people.views import register_person_section

    register_navigation(navigation)
    register_person_section(person_section)
