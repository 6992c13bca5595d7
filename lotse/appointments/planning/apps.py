from django.apps import AppConfig


class AppointmentsPlanningConfig(AppConfig):
    name = "lotse.appointments.planning"
    label = "appointments_planning"
    verbose_name = "Personalplanung und Simulation"
