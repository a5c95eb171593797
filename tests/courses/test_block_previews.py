"""Every block renders its preview in the admin's block preview (what trainers see in the block picker)."""

import pytest
from django.urls import reverse

from courses.blocks import BehaviourStreamBlock, ContentStreamBlock, LessonStreamBlock
from tests import factories

pytestmark = pytest.mark.django_db

STREAM_BLOCKS = [
    *[(f"lesson.{name}", block) for name, block in LessonStreamBlock().child_blocks.items()],
    *[(f"content.{name}", block) for name, block in ContentStreamBlock().child_blocks.items()],
    *[(f"value.{name}", block) for name, block in BehaviourStreamBlock().child_blocks.items()],
]
EXPECTED = {
    "text": "Senyum, sapa, salam",
    "figure": "Loket pelayanan terpadu",
    "video": "Contoh pelayanan prima di loket",
    "video_file": "Rekaman simulasi layanan",
    "document": "Bahan tayang",
    "case": "Apa yang Anda lakukan?",
    "checklist": "Refleksi pelayanan hari ini",
    "callout": "Tawarkan bantuan lanjutan",
    "quote": "Pelayanan yang baik dimulai dari mendengarkan.",
    "knowledge_check": "Mendengarkan sampai selesai tanpa memotong",
    "behaviour": "Memahami dan memenuhi kebutuhan masyarakat",
}


@pytest.fixture
def admin_client(client):
    client.force_login(factories.UserFactory(nip=None, username="admin-preview", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(("name", "block"), STREAM_BLOCKS, ids=[name for name, _block in STREAM_BLOCKS])
def test_each_block_renders_its_preview(admin_client, name, block):
    factories.image()
    factories.document(title="Bahan tayang", name="slides.pdf")
    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    content = response.content.decode()
    assert EXPECTED[name.split(".", 1)[1]] in content
    assert "block-" in content


def test_the_checklist_preview_lists_every_service_behaviour(admin_client):
    from courses.values import ServiceBehaviour

    block = LessonStreamBlock().child_blocks["checklist"]
    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    content = response.content.decode()
    assert content.count('type="checkbox"') == len(ServiceBehaviour)
