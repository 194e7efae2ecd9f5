from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

from community.demo_seed import seed_forum
from conventions.models import Country, ThematicArea
from demo.packages_seed import seed_packages
from knowledge.demo_seed import seed_knowledge_items
from policies.demo_seed import seed_service_pages
from profiles import demo
from profiles.constants import ADMINISTRATORS_GROUP, EDITORS_GROUP, Role
from profiles.models import User
from profiles.services import add_to_group, decide_verification, request_verification, update_profile


class Command(BaseCommand):
    help = _("Create demo members of every role (and, as features grow, demo content).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run without DEBUG, or even though the database has real members."),
        )
        parser.add_argument("--if-empty", action="store_true", help=_("Do nothing when the demo was already loaded."))

    def handle(self, *args, force=False, if_empty=False, **options):
        # The demo administrator is a superuser with a published password:
        # never on a production database by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "Demo accounts share a published password, so seed_demo runs only with DEBUG on "
                    "(config.settings.dev, as `make run` uses). Use --force to run it anyway."
                )
            )
        demo_users = User.objects.filter(email__endswith=f"@{demo.DEMO_DOMAIN}")
        real_users = User.objects.exclude(email__endswith=f"@{demo.DEMO_DOMAIN}")
        if demo_users.exists() and if_empty:
            self.stdout.write(_("Demo content is already loaded."))
            self._print_login()
            return
        if real_users.exists() and not force:
            if if_empty:
                self.stdout.write(_("The database has real members; no demo content was added."))
                return
            raise CommandError(
                _("This database has %(count)d real members. Use --force to add demo content anyway.")
                % {"count": real_users.count()}
            )
        if not Country.objects.exists():
            call_command("import_reference_data", stdout=self.stdout, stderr=self.stderr)

        # Demo decisions are not announced: their emails go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            with transaction.atomic():
                created = self._seed()
                items = self._seed_knowledge()
                threads = seed_forum(editor=User.objects.get(email=f"{demo.EDITOR[0]}@{demo.DEMO_DOMAIN}"))
                seed_packages()
                seed_service_pages()
        summary = _(
            "Demo members created: %(count)d; knowledge items created: %(items)d; "
            "forum questions created: %(threads)d."
        ) % {"count": created, "items": items, "threads": threads}
        self.stdout.write(self.style.SUCCESS(summary))
        self._print_login()

    def _seed_knowledge(self) -> int:
        """Knowledge items by the demo members, reviewed by the demo editor."""
        editor = User.objects.get(email=f"{demo.EDITOR[0]}@{demo.DEMO_DOMAIN}")
        return seed_knowledge_items(editor=editor, stdout=self.stdout)

    def _print_login(self):
        self.stdout.write(
            _(
                "Sign in as the demo administrator at http://127.0.0.1:8000/admin/ with %(email)s / %(password)s "
                "(you will be asked to set up an authenticator app). Every demo member uses the same password."
            )
            % {"email": f"{demo.ADMINISTRATOR[0]}@{demo.DEMO_DOMAIN}", "password": demo.DEMO_PASSWORD}
        )

    def _member(self, handle, name, title, organisation, iso3, languages, bio, **extra) -> tuple[User, bool]:
        email = f"{handle}@{demo.DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user, False
        user = User.objects.create_user(email=email, password=demo.DEMO_PASSWORD, handle=handle, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        update_profile(
            user.profile,
            fields={
                "display_name": name,
                "title": title,
                "organisation": organisation,
                "country": Country.objects.get(iso3=iso3),
                "bio": bio,
                "languages": languages,
                "is_public": True,
                # Demo members are settled: signing in goes where they were going.
                "first_steps_at": timezone.now(),
            },
        )
        return user, True

    def _seed(self) -> int:
        created = 0
        administrator, new = self._member(*demo.ADMINISTRATOR, is_staff=True, is_superuser=True)
        created += new
        add_to_group(administrator, ADMINISTRATORS_GROUP)
        editor, new = self._member(*demo.EDITOR, is_staff=True)
        created += new
        add_to_group(editor, EDITORS_GROUP)

        for member, kind in demo.FOCAL_POINTS:
            user, new = self._member(*member)
            created += new
            if new:
                verification = request_verification(
                    user,
                    role=Role.FOCAL_POINT,
                    justification=_("Nominated by the ministry in an official letter to the secretariat."),
                    country=user.profile.country,
                    focal_point_kind=kind,
                )
                decide_verification(verification, editor=editor, approve=True)
        for member, slugs in demo.EXPERTS:
            user, new = self._member(*member)
            created += new
            if new:
                areas = list(ThematicArea.objects.filter(slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE))
                verification = request_verification(
                    user,
                    role=Role.EXPERT,
                    justification=_("Publications and project work listed on the organisation's website."),
                    thematic_areas=areas,
                )
                decide_verification(verification, editor=editor, approve=True)
        for index, member in enumerate(demo.MEMBERS):
            user, new = self._member(*member)
            created += new
            if new and index == 0:
                # One request left for the editor to decide in the admin.
                request_verification(
                    user,
                    role=Role.EXPERT,
                    justification=_("Led the national marine litter survey in 2024."),
                    thematic_areas=list(ThematicArea.objects.filter(slug="plastic-waste")),
                )
        return created
