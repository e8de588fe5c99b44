"""The six demo logins, one per role, all with the published demo password (README): a final-year student of
新能源汽车技术 at 武汉城市职业学院, the advisor of that class, the school's admin, an HR manager of 东风汽车, a
city analyst and the city's recruitment-service staff. Loaded by `manage.py seed_demo` (the demo app) after the
schools and companies; idempotent, and a password someone changed is given back."""

from __future__ import annotations

from companies.demo import HR_LOGIN_COMPANY
from companies.models import Company, CompanyMember
from core.demo import demo_user
from schools.demo import WCP, first_class_name
from schools.models import Cohort, Institution, Student, Teacher

DEMO_PASSWORD = "Wuhan-2026-demo"

# (e-mail, username, who it is), in the order the command prints them
DEMO_LOGINS = [
    ("student@example.com", "student", "学生（武汉城市职业学院 新能源汽车技术）/ student"),
    ("teacher@example.com", "teacher", "指导教师 / teacher (the student's advisor)"),
    ("schooladmin@example.com", "schooladmin", "学校管理员 / school admin (武汉城市职业学院)"),
    ("hr@example.com", "hr", "企业HR / company HR (东风汽车集团有限公司)"),
    ("analyst@example.com", "analyst", "市经信局分析员 / city analyst"),
    ("citystaff@example.com", "citystaff", "市人社局招聘服务人员 / city staff (recruitment fairs, policies)"),
]


def seed_logins() -> dict:
    """The six demo logins with their roles; returns their users by username."""
    wcp = Institution.objects.get(name=WCP)
    emails = {username: email for email, username, _label in DEMO_LOGINS}
    logins = {}

    def login(username: str, full_name: str, phone: str):
        logins[username] = demo_user(
            email=emails[username], username=username, full_name=full_name, phone=phone, password=DEMO_PASSWORD
        )
        return logins[username]

    teacher_user = login("teacher", "刘老师（演示）", "13800000002")
    first_cohort = Cohort.objects.select_related("major").get(name=first_class_name())
    teacher, _ = Teacher.objects.get_or_create(
        user=teacher_user,
        institution=wcp,
        defaults={"role": Teacher.Role.TEACHER, "department": "汽车技术与服务学院", "title": "讲师"},
    )
    Student.objects.filter(cohort=first_cohort).exclude(advisor=teacher).update(advisor=teacher)

    student_user = login("student", "张明（演示）", "13800000001")
    student = Student.objects.get(
        institution=wcp, student_number=f"{first_cohort.entry_year}{first_cohort.major.code}0101"
    )
    if student.user_id != student_user.pk:
        student.user = student_user
        student.full_name = "张明（演示）"
        student.save(update_fields=["user", "full_name"])

    admin_user = login("schooladmin", "陈主任（演示）", "13800000003")
    Teacher.objects.get_or_create(
        user=admin_user,
        institution=wcp,
        defaults={"role": Teacher.Role.ADMIN, "department": "教务处", "title": "实习管理办公室"},
    )

    hr_user = login("hr", "王经理（演示）", "13800000004")
    CompanyMember.objects.get_or_create(
        user=hr_user,
        company=Company.objects.get(name=HR_LOGIN_COMPANY),
        defaults={"role": CompanyMember.Role.HR, "title": "人力资源部（演示）"},
    )

    analyst = login("analyst", "市经信局分析员（演示）", "13800000005")
    if not analyst.is_city_analyst:
        analyst.is_city_analyst = True
        analyst.save(update_fields=["is_city_analyst"])

    city_staff = login("citystaff", "市人社局招聘服务（演示）", "13800000006")
    if not city_staff.is_city_staff:
        city_staff.is_city_staff = True
        city_staff.save(update_fields=["is_city_staff"])
    return logins
