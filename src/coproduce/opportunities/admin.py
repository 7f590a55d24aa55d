from django.contrib import admin

from coproduce.opportunities.models import Group, Opportunity, Session, Venue


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("title", "team", "kind", "status", "created_at")
    list_filter = ("status", "kind")


admin.site.register([Group, Session, Venue])
