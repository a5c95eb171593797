import re, time
import pytest
from certificates.services import certificate_issue
from tests import factories

@pytest.mark.django_db
def test_explore(learner):
    c = factories.completion(user=learner)
    t = time.time()
    cert = certificate_issue(completion=c)
    print("render", time.time() - t)
    data = cert.pdf.open("rb").read()
    print(data[:20], len(data))
    print(re.findall(rb"/MediaBox[^\]]*\]", data))
    print(re.findall(rb"/Type\s*/ObjStm", data)[:3])
    print(cert.pdf.name, cert.number)
