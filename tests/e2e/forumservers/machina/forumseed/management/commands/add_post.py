"""Add one reply to a seeded thread through the ORM (the end-to-end tests' "new post")."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from machina.apps.forum_conversation.models import Post, Topic


class Command(BaseCommand):
    help = "Reply to the topic with the given subject as the given user."

    def add_arguments(self, parser):
        parser.add_argument("--topic", required=True)
        parser.add_argument("--author", required=True)
        parser.add_argument("--text", required=True)

    def handle(self, *args, **opts):
        topic = Topic.objects.get(subject=opts["topic"])
        user = get_user_model().objects.get(username=opts["author"])
        post = Post.objects.create(topic=topic, poster=user, approved=True,
                                   subject=f"Re: {topic.subject}", content=opts["text"])
        topic.refresh_from_db()
        topic.update_trackers()
        self.stdout.write(f"POST_ID={post.pk}")
