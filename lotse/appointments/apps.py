from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "lotse.appointments"
    label = "appointments"
    verbose_name = "Kundensteuerung"

    def ready(self) -> None:
        from lotse.appointments import models as m
        from lotse.appointments.rules import booking_may, by_organisation, catalogue_may
        from lotse.core import policy

        catalogue = {
            m.Location: "organisation",
            m.Service: "organisation",
            m.Team: "organisation",
            m.Desk: "location__organisation",
            m.OpeningHours: "location__organisation",
            m.Break: "location__organisation",
            m.Closure: "location__organisation",
            m.WorkProfile: "location__organisation",
            m.Slot: "location__organisation",
        }
        for model, field in catalogue.items():
            policy.register(
                model, policy.ModelRules(may=catalogue_may, narrow=by_organisation(field))
            )
        for model in (m.Booking, m.WaitingListEntry):
            policy.register(
                model,
                policy.ModelRules(
                    may=booking_may, narrow=by_organisation("location__organisation")
                ),
            )

        from lotse.appointments.views import navigation
        from lotse.core.context_processors import register_navigation

        register_navigation(navigation)

        # The on-site queue and the proactive invitations register their own rules, menu
        # entries and person-page sections.
        from lotse.appointments import onsite_rules
        from lotse.appointments.invitations import setup as invitations_setup

        onsite_rules.register()
        invitations_setup.ready()

        # Bookings and waiting-list entries in the nightly retention job (lotse retention-run).
        from lotse.appointments import retention

        retention.register()
