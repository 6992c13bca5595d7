from django.urls import path

from lotse.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("aufgaben/", views.my_tasks, name="my_tasks"),
    path("person/<int:person>/eroeffnen/", views.case_open, name="open"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/abschliessen/", views.case_close, name="close"),
    path("<int:pk>/wiedereroeffnen/", views.case_reopen, name="reopen"),
    path("<int:pk>/assessment/", views.assessment, name="assessment"),
    path("<int:pk>/assessment/neu/", views.assessment_add, name="assessment_add"),
    path("<int:pk>/zielvereinbarung/", views.plan, name="plan"),
    path("<int:pk>/zielvereinbarung/entwurf/", views.plan_draft, name="plan_draft"),
    path("<int:pk>/zielvereinbarung/<int:number>/", views.plan, name="plan_version"),
    path(
        "<int:pk>/zielvereinbarung/<int:number>/speichern/", views.plan_update, name="plan_update"
    ),
    path("<int:pk>/zielvereinbarung/<int:number>/ziel/", views.goal_add, name="goal_add"),
    path(
        "<int:pk>/zielvereinbarung/<int:number>/vereinbaren/", views.plan_agree, name="plan_agree"
    ),
    path("<int:pk>/zielvereinbarung/<int:number>/druck/", views.plan_print, name="plan_print"),
    path("<int:pk>/zielvereinbarung/<int:number>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/ziele/<int:goal>/handlungsziel/", views.objective_add, name="objective_add"),
    path("<int:pk>/handlungsziele/<int:objective>/schritt/", views.step_add, name="step_add"),
    path("<int:pk>/schritte/<int:step>/stand/", views.step_status, name="step_status"),
    path("<int:pk>/<str:kind>/<int:item>/bearbeiten/", views.plan_item_edit, name="plan_item_edit"),
    path(
        "<int:pk>/<str:kind>/<int:item>/entfernen/", views.plan_item_delete, name="plan_item_delete"
    ),
    path("<int:pk>/<str:kind>/<int:item>/bewertung/", views.attainment, name="attainment"),
    path("<int:pk>/aufgaben/", views.tasks, name="tasks"),
    path("<int:pk>/aufgaben/<int:task>/erledigt/", views.task_done, name="task_done"),
    path("<int:pk>/notizen/", views.notes, name="notes"),
    path("<int:pk>/dokumente/", views.documents, name="documents"),
    path("<int:pk>/dokumente/<int:document>/", views.document_download, name="document_download"),
]
