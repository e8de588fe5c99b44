"""The live notice socket at /ws/notices/: signed-in users only, one group per user (every tab joins it);
after a reconnect the client says which notice it saw last and gets what came after."""

from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from accounts.actor import actor_for
from notices.delivery import company_group, school_group, serialize, unread_counts, user_group
from notices.models import Notice
from notices.services import notice_mark_read

REPLAY_LIMIT = 200
_open_sockets = 0  # in this process: each worker is scraped for its own metrics (config/observability.py)


def open_socket_count() -> int:
    return _open_sockets


class NoticeConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        query = parse_qs(self.scope.get("query_string", b"").decode())
        wanted = (query.get("lang") or [settings.LANGUAGE_CODE])[0]
        codes = [code for code, _name in settings.LANGUAGES]
        self.language = wanted if wanted in codes else ("en" if wanted.startswith("en") else settings.LANGUAGE_CODE)
        self.groups_joined = [user_group(user.pk), *await self.org_groups()]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        global _open_sockets
        _open_sockets += 1
        self.counted = True
        last = (query.get("last") or [None])[0]
        if last is not None and last.isdigit():
            await self.replay(int(last))
        await self.send_json({"type": "unread", "unread": await self.unread()})

    async def disconnect(self, code):
        if getattr(self, "counted", False):
            global _open_sockets
            _open_sockets -= 1
            self.counted = False
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    @database_sync_to_async
    def org_groups(self) -> list[str]:
        """The organisation groups this person hears large sends through (their schools and companies)."""
        actor = actor_for(self.user)
        schools = set(actor.school_ids) | ({actor.student_institution_id} if actor.student_institution_id else set())
        return [school_group(i) for i in sorted(schools)] + [company_group(i) for i in sorted(actor.company_ids)]

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind == "hello":
            last = content.get("last_id")
            if isinstance(last, int) and last >= 0:
                await self.replay(last)
            await self.send_json({"type": "unread", "unread": await self.unread()})
        elif kind == "read":
            ids = [i for i in content.get("ids", []) if isinstance(i, int)][:500]
            await database_sync_to_async(notice_mark_read)(actor=actor_for(self.user), notice_ids=ids)
        elif kind == "read_all":
            await database_sync_to_async(notice_mark_read)(actor=actor_for(self.user), notice_ids=None)
        elif kind == "ping":
            await self.send_json({"type": "pong"})

    async def replay(self, last_id: int) -> None:
        for notice in await self.missed(last_id):
            await self.send_json({"type": "notice", "notice": notice, "replayed": True})

    @database_sync_to_async
    def missed(self, last_id: int) -> list[dict]:
        rows = Notice.objects.filter(recipient=self.user, pk__gt=last_id).order_by("id")[:REPLAY_LIMIT]
        return [serialize(n, self.language) for n in rows]

    @database_sync_to_async
    def unread(self) -> int:
        return unread_counts([self.user.pk])[self.user.pk]

    # group messages
    async def notice_new(self, event):
        notice = event["notice"].get(self.language) or next(iter(event["notice"].values()))
        await self.send_json({"type": "notice", "notice": notice})
        await self.send_json({"type": "unread", "unread": event["unread"]})

    async def notice_fanout(self, event):
        """A large send to an organisation: only the people it names get it, each with their own notice id."""
        mine = event["recipients"].get(str(self.user.pk))
        if mine is None:
            return
        notice_id, unread = mine
        text = event["notice"].get(self.language) or next(iter(event["notice"].values()))
        await self.send_json({"type": "notice", "notice": {**text, "id": notice_id, "created_at": event["created_at"]}})
        await self.send_json({"type": "unread", "unread": unread})

    async def notice_unread(self, event):
        await self.send_json({"type": "unread", "unread": event["unread"]})

    async def job_update(self, event):
        """A background job of this user moved on (core.jobs.push): its progress bar's fields."""
        await self.send_json({"type": "job", "job": event["job"]})
