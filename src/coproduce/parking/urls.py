from django.urls import path

from coproduce.parking.views import attendants, permits, vehicles

app_name = "parking"

urlpatterns = [
    # The expert's own
    path("me/vehicles/", vehicles.my_vehicles, name="my_vehicles"),
    path("me/vehicles/add/", vehicles.my_vehicle_add, name="my_vehicle_add"),
    path("me/vehicles/<int:pk>/change/", vehicles.my_vehicle_change, name="my_vehicle_change"),
    path("me/vehicles/<int:pk>/remove/", vehicles.my_vehicle_remove, name="my_vehicle_remove"),
    # The involvement team's, for an expert
    path("experts/<int:pk>/parking/", permits.expert_parking, name="expert_parking"),
    path("experts/<int:pk>/parking/vehicles/add/", vehicles.vehicle_add, name="vehicle_add"),
    path("parking/vehicles/<int:pk>/change/", vehicles.vehicle_change, name="vehicle_change"),
    path("parking/vehicles/<int:pk>/remove/", vehicles.vehicle_remove, name="vehicle_remove"),
    path("experts/<int:pk>/parking/permits/issue/", permits.permit_issue, name="permit_issue"),
    path("parking/permits/<int:pk>/permit.pdf", permits.permit_print, name="permit_print"),
    path("parking/permits/<int:pk>/cancel/", permits.permit_cancel, name="permit_cancel"),
    # The car-park attendants' lists
    path("parking/", attendants.attendant_lists, name="attendant_lists"),
    path("parking/<str:day>/", attendants.attendant_day, name="attendant_day"),
    path("parking/<str:day>/sites/<int:venue>/", attendants.attendant_list, name="attendant_list"),
    path(
        "parking/<str:day>/sites/<int:venue>/list.pdf",
        attendants.attendant_list_download,
        name="attendant_list_pdf",
    ),
]
