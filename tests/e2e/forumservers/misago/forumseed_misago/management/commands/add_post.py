"""Add one reply to a seeded thread through Misago's ORM (the end-to-end tests' "new post")."""
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from misago.markup.parser import parse
from misago.threads.checksums import update_post_checksum
from misago.threads.models import Post, Thread


class Command(BaseCommand):
    help = "Reply to the thread with the given title as the given user."

    def add_arguments(self, parser):
        parser.add_argument("--topic", required=True)
        parser.add_argument("--author", required=True)
        parser.add_argument("--text", required=True)

    @transaction.atomic
    def handle(self, *args, **opts):
        thread = Thread.objects.get(title=opts["topic"])
        user = get_user_model().objects.get(username=opts["author"])
        request = RequestFactory().get("/", HTTP_HOST=f"127.0.0.1:{os.environ.get('PORT', '8403')}")
        parsed = parse(opts["text"], request, user)
        now = timezone.now()
        post = Post.objects.create(category=thread.category, thread=thread, poster=user,
                                   poster_name=user.username, original=opts["text"],
                                   parsed=parsed["parsed_text"], posted_on=now, updated_on=now)
        update_post_checksum(post)
        post.save(update_fields=["checksum"])
        thread.synchronize()
        thread.save()
        category = thread.category
        category.synchronize()
        category.save()
        self.stdout.write(f"POST_ID={post.pk}")
