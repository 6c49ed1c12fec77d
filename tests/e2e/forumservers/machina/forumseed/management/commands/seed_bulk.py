"""Add many topics to the seeded board through the ORM (for bench/crawl.py)."""
import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic


class Command(BaseCommand):
    help = "Create --topics topics of --posts posts each in the 'Replication Studies' board."

    def add_arguments(self, parser):
        parser.add_argument("--topics", type=int, default=40)
        parser.add_argument("--posts", type=int, default=45)

    @transaction.atomic
    def handle(self, *args, **opts):
        board = Forum.objects.get(name="Replication Studies")
        users = list(get_user_model().objects.order_by("pk"))
        start = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
        for t in range(opts["topics"]):
            subject = f"Bulk topic {t + 1}"
            topic = Topic.objects.create(forum=board, subject=subject, poster=users[0], type=Topic.TOPIC_POST,
                                         status=Topic.TOPIC_UNLOCKED, approved=True)
            for n in range(opts["posts"]):
                post = Post.objects.create(topic=topic, poster=users[n % len(users)], approved=True,
                                           subject=subject if n == 0 else f"Re: {subject}",
                                           content=f"Bulk post {n + 1} of topic {t + 1}; see doi:10.5555/{t}{n}.")
                when = start + dt.timedelta(hours=t, minutes=n)
                Post.objects.filter(pk=post.pk).update(created=when, updated=when)
            topic.refresh_from_db()
            topic.update_trackers()
        self.stdout.write(f"added {opts['topics']} topics of {opts['posts']} posts")
