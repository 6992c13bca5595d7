from django.apps import AppConfig


class AppointmentsPlanningConfig(AppConfig):
    name = "lotse.appointments.planning"
    label = "appointments_planning"
    verbose_name = "Personalplanung und Simulation"

    def ready(self) -> None:
        from lotse.appointments.planning import rules
        from lotse.appointments.planning.models import SavedScenario
        from lotse.core import policy
        from lotse.core.context_processors import register_navigation

        policy.register(SavedScenario, policy.ModelRules(may=rules.may, narrow=rules.narrow))
        register_navigation(rules.navigation)
