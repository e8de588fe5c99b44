from __future__ import annotations

from rest_framework import serializers

from core.models import Job


class BackgroundJobRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    field = serializers.CharField()
    header = serializers.CharField()
    message = serializers.CharField()


class BackgroundJobSerializer(serializers.ModelSerializer):
    """A background job as its owner's progress bar and the admin's list show it."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    owner_name = serializers.SerializerMethodField()
    institution_name = serializers.CharField(source="institution.name", default="", read_only=True)
    is_mine = serializers.SerializerMethodField()
    has_result = serializers.SerializerMethodField()
    codes_pending = serializers.SerializerMethodField(
        help_text="An import whose new students' activation codes the owner has not taken yet (taken once)."
    )
    error_rows = BackgroundJobRowErrorSerializer(many=True, read_only=True)
    summary = serializers.DictField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = Job
        fields = [
            "id", "kind", "kind_label", "status", "status_label", "done", "total", "summary", "error", "error_rows",
            "owner_name", "institution_name", "is_mine", "has_result", "result_name", "codes_pending",
            "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def _actor_user_id(self):
        request = self.context.get("request")
        return getattr(getattr(request, "user", None), "pk", None)

    def get_owner_name(self, job: Job) -> str:
        owner = job.owner
        return owner.display_name

    def get_is_mine(self, job: Job) -> bool:
        return job.owner_id == self._actor_user_id()

    def get_has_result(self, job: Job) -> bool:
        return bool(job.result)

    def get_codes_pending(self, job: Job) -> bool:
        return (
            job.kind == Job.Kind.STUDENT_IMPORT
            and job.status == Job.Status.SUCCEEDED
            and job.codes_delivered_at is None
            and bool(job.created_ids)
        )


class BackgroundJobCodeSerializer(serializers.Serializer):
    student_number = serializers.CharField()
    full_name = serializers.CharField()
    cohort = serializers.CharField()
    activation_code = serializers.CharField()


class BackgroundJobCodesSerializer(serializers.Serializer):
    codes = BackgroundJobCodeSerializer(many=True)
