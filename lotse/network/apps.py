from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "lotse.network"
    label = "network"
    verbose_name = "Netzwerk"

    def ready(self) -> None:
        from lotse.cases.sections import register_case_section
        from lotse.core import policy
        from lotse.core.context_processors import register_navigation
        from lotse.network import access
        from lotse.network.models import Obstacle, Referral, Transfer
        from lotse.network.views import case_section, navigation

        policy.register(
            Referral, policy.ModelRules(may=access.referral_may, narrow=access.referral_narrow)
        )
        policy.register(
            Transfer, policy.ModelRules(may=access.transfer_may, narrow=access.transfer_narrow)
        )
        policy.register(
            Obstacle, policy.ModelRules(may=access.obstacle_may, narrow=access.obstacle_narrow)
        )
        register_navigation(navigation)
        register_case_section(case_section)
