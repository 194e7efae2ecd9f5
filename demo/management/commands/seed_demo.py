from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from conventions.models import Country
from demo.content import DemoContentError, load_members
from demo.packages_seed import seed_packages
from demo.seed_documents import seed_documents
from demo.seed_forum import seed_forum
from demo.seed_knowledge import seed_knowledge_items
from demo.seed_members import seed_members
from demo.seed_policies import seed_service_pages
from profiles.models import User


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
        try:
            self._handle(force=force, if_empty=if_empty)
        except DemoContentError as error:
            # A malformed file under demo/content/: the message names it.
            raise CommandError(str(error)) from error

    def _handle(self, *, force: bool, if_empty: bool) -> None:
        self.members = load_members()
        demo_users = User.objects.filter(email__endswith=f"@{self.members.domain}")
        real_users = User.objects.exclude(email__endswith=f"@{self.members.domain}")
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
                created = seed_members(self.members)
                items = self._seed_knowledge()
                threads = seed_forum(editor=self._editor())
                seed_packages()
                documents = seed_documents(self._editor())
                seed_service_pages()
        summary = _(
            "Demo members created: %(count)d; knowledge items created: %(items)d; "
            "forum questions created: %(threads)d; official documents created: %(documents)d."
        ) % {"count": created, "items": items, "threads": threads, "documents": documents}
        self.stdout.write(self.style.SUCCESS(summary))
        self._print_login()

    def _editor(self) -> User:
        return User.objects.get(email=self.members.email(self.members.editor))

    def _seed_knowledge(self) -> int:
        """Knowledge items by the demo members, reviewed by the demo editor."""
        return seed_knowledge_items(editor=self._editor(), stdout=self.stdout)

    def _print_login(self):
        self.stdout.write(
            _(
                "Sign in as the demo administrator at http://127.0.0.1:8000/admin/ with %(email)s / %(password)s "
                "(you will be asked to set up an authenticator app). Every demo member uses the same password."
            )
            % {"email": self.members.email(self.members.administrator), "password": self.members.password}
        )
