"""Demo modules, written in Indonesian as trainers at a ministry would write them."""

UNITS = [
    # (code, name, kind, parent code)
    ("KEMENPU", "Kementerian Pekerjaan Umum", "ministry", None),
    ("SETJEN", "Sekretariat Jenderal", "organisation", "KEMENPU"),
    ("SDA", "Direktorat Jenderal Sumber Daya Air", "organisation", "KEMENPU"),
    ("BM", "Direktorat Jenderal Bina Marga", "organisation", "KEMENPU"),
    ("CK", "Direktorat Jenderal Cipta Karya", "organisation", "KEMENPU"),
    ("SETJEN-BKP", "Biro Kepegawaian, Organisasi, dan Tata Laksana", "work_unit", "SETJEN"),
    ("SDA-BBWS-CC", "BBWS Ciliwung Cisadane", "work_unit", "SDA"),
    ("BM-BBPJN-DKI", "BBPJN Jakarta-Jawa Barat", "work_unit", "BM"),
]

CATALOGUE = {
    "title": "Katalog Modul Ber-AKHLAK",
    "intro": "<p>Modul pembelajaran budaya pelayanan Ber-AKHLAK untuk Aparatur Sipil Negara. "
    "Pilih modul, pelajari setiap materi, kerjakan kuis, dan dapatkan sertifikat beserta JP-nya.</p>",
}

MODULES = [
    {
        "slug": "perilaku-pelayanan-prima",
        "title": "Berorientasi Pelayanan: Perilaku Pelayanan Prima",
        "summary": "Perilaku sehari-hari petugas layanan yang membuat masyarakat merasa dihargai: cepat merespons, "
        "ramah, tersenyum, sabar, disiplin, tulus, menawarkan bantuan lanjutan, mendengarkan, serta "
        "mengucapkan maaf dan terima kasih.",
        "jp": 4,
        "minutes": 90,
        "values": ["pelayanan", "harmonis"],
        "lessons": [
            (
                "senyum-sapa-salam",
                "Senyum, Sapa, Salam: Menyambut Pengguna Layanan",
                "<h2>Kesan pertama menentukan</h2>"
                "<p>Pengguna layanan menilai kita dalam beberapa detik pertama. Sambut setiap orang dengan "
                "<b>senyum</b>, <b>sapaan</b>, dan <b>salam</b>, lalu tanyakan keperluannya.</p>"
                "<ul><li>Tatap mata dan tersenyum sebelum berbicara.</li>"
                "<li>Sapa dengan sopan: “Selamat pagi, Bapak/Ibu. Ada yang bisa kami bantu?”</li>"
                "<li><b>Cepat merespons</b>: jangan biarkan orang menunggu tanpa kepastian; bila sedang melayani "
                "orang lain, beri isyarat bahwa ia sudah terlihat.</li></ul>"
                "<p>Perilaku ini adalah wujud nilai <i>Berorientasi Pelayanan</i>: ramah, cekatan, dan solutif.</p>",
            ),
            (
                "sabar-dan-mendengarkan",
                "Sabar dan Mendengarkan",
                "<h2>Mendengarkan sampai selesai</h2>"
                "<p>Banyak keluhan reda ketika pengguna layanan merasa didengar. <b>Dengarkan</b> tanpa memotong, "
                "ulangi inti keluhannya, dan pastikan Anda memahami kebutuhannya.</p>"
                "<p><b>Sabar</b> bukan berarti pasif: tetap tenang, jelaskan prosedur dengan bahasa sederhana, "
                "dan tawarkan pilihan.</p>"
                "<p>Ketika layanan kita terlambat atau keliru, <b>minta maaf</b> dengan tulus dan jelaskan langkah "
                "perbaikannya. Akhiri setiap layanan dengan <b>terima kasih</b>.</p>",
            ),
            (
                "disiplin-tulus-bantuan-lanjutan",
                "Disiplin, Tulus, dan Menawarkan Bantuan Lanjutan",
                "<h2>Layanan yang dapat diandalkan</h2>"
                "<p><b>Disiplin</b>: loket buka tepat waktu, standar pelayanan dipatuhi, dan janji ditepati.</p>"
                "<p><b>Tulus</b>: melayani tanpa pamrih, tidak meminta atau menerima imbalan di luar ketentuan.</p>"
                "<p><b>Menawarkan bantuan lanjutan</b>: sebelum pengguna layanan pergi, tanyakan “Apakah masih ada "
                "yang bisa kami bantu?” dan arahkan ke kanal pengaduan bila perlu.</p>",
            ),
        ],
        "quiz": {
            "title": "Kuis Perilaku Pelayanan Prima",
            "pass_mark": 70,  # a quiz pass mark, not a password  # nosec B105
            "display": "all",
            "questions": [
                (
                    "mc",
                    "Seorang warga datang ke loket saat antrean panjang dan tampak kesal. Sikap pertama yang paling "
                    "tepat adalah…",
                    [
                        ("Menyapa dengan senyum, memohon maaf atas waktu tunggu, dan menanyakan keperluannya", True),
                        ("Memintanya kembali besok ketika antrean lebih pendek", False),
                        ("Melayani tanpa berbicara agar lebih cepat", False),
                        ("Menjelaskan bahwa antrean panjang bukan tanggung jawab petugas", False),
                    ],
                    "Senyum, sapa, dan permintaan maaf meredakan emosi dan menunjukkan bahwa warga dihargai.",
                ),
                (
                    "tf",
                    "Mengucapkan terima kasih di akhir layanan termasuk perilaku Berorientasi Pelayanan.",
                    True,
                    "Terima kasih menutup layanan dengan hormat.",
                ),
                (
                    "mc",
                    "Nilai dasar ASN “Berorientasi Pelayanan” berarti…",
                    [
                        (
                            "Memahami dan memenuhi kebutuhan masyarakat dengan ramah, cekatan, solutif, dan dapat "
                            "diandalkan",
                            True,
                        ),
                        ("Melayani hanya sesuai jam kerja tanpa pengecualian apa pun", False),
                        ("Mengutamakan pengguna layanan yang dikenal", False),
                        ("Menyelesaikan tugas secepatnya walau tanpa penjelasan", False),
                    ],
                    "Rumusan ini berasal dari panduan nilai dasar ASN Ber-AKHLAK.",
                ),
                (
                    "tf",
                    "Jika pengguna layanan bertanya di luar tugas kita, sebaiknya kita langsung menolak tanpa "
                    "penjelasan.",
                    False,
                    "Arahkan ke unit yang tepat: itulah bantuan lanjutan.",
                ),
                (
                    "mc",
                    "“Menawarkan bantuan lanjutan” berarti…",
                    [
                        ("Menanyakan apakah masih ada yang bisa dibantu sebelum pengguna layanan pergi", True),
                        ("Meminta pengguna layanan mengisi survei sebelum dilayani", False),
                        ("Menawarkan jasa pengurusan berbayar", False),
                        ("Menyerahkan urusan kepada rekan kerja", False),
                    ],
                    "",
                ),
            ],
        },
    },
    {
        "slug": "akuntabel-jujur-bertanggung-jawab",
        "title": "Akuntabel: Jujur dan Bertanggung Jawab dalam Pelayanan",
        "summary": "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas; "
        "menggunakan kekayaan dan barang milik negara secara bertanggung jawab.",
        "jp": 2,
        "minutes": 45,
        "values": ["akuntabel"],
        "lessons": [
            (
                "jujur-dan-cermat",
                "Jujur dan Cermat",
                "<h2>Integritas dimulai dari hal kecil</h2>"
                "<p>Catat setiap layanan dengan benar, akui kekeliruan, dan jangan menjanjikan hal yang tidak "
                "dapat ditepati.</p>",
            ),
            (
                "menolak-gratifikasi",
                "Menolak Gratifikasi dengan Santun",
                "<h2>Tulus tanpa pamrih</h2>"
                "<p>Tolak pemberian dengan santun: “Terima kasih, Bapak/Ibu, layanan ini tidak dipungut biaya.” "
                "Laporkan gratifikasi yang tidak dapat ditolak sesuai ketentuan.</p>",
            ),
        ],
        "quiz": {
            "title": "Kuis Akuntabel",
            "pass_mark": 70,  # a quiz pass mark, not a password  # nosec B105
            "display": "one",
            "questions": [
                ("tf", "Menerima imbalan di luar ketentuan diperbolehkan jika layanan selesai lebih cepat.", False, ""),
                (
                    "mc",
                    "Apa yang dilakukan ketika Anda keliru memasukkan data pengguna layanan?",
                    [
                        ("Mengakui kekeliruan, memperbaikinya, dan memberi tahu pengguna layanan", True),
                        ("Membiarkannya karena tidak ada yang tahu", False),
                        ("Menyalahkan sistem", False),
                    ],
                    "",
                ),
                ("tf", "Barang milik negara digunakan untuk kepentingan dinas, bukan pribadi.", True, ""),
            ],
        },
    },
]


# --- i3: sections, value pages, and one module per Ber-AKHLAK value (lessons use the lesson blocks) ---

# Units that publish modules get a section of the catalogue; their trainers edit only there.
SECTIONS = ["SETJEN", "SDA", "BM", "CK"]

# Which section each module sits in (slug → unit code).
MODULE_SECTIONS = {
    "perilaku-pelayanan-prima": "SETJEN",
    "akuntabel-jujur-bertanggung-jawab": "SETJEN",
    "kompeten-belajar-sepanjang-karier": "SDA",
    "harmonis-menghargai-keragaman": "SDA",
    "loyal-menjaga-nama-baik-instansi": "BM",
    "adaptif-inovasi-layanan": "CK",
    "kolaboratif-layanan-terpadu": "BM",
}

# Extra blocks for the two foundation modules' lessons, and a third lesson for Akuntabel.
EXTRA_LESSON_BLOCKS = {
    "senyum-sapa-salam": [
        (
            "checklist",
            {"title": "Refleksi: bagaimana saya melayani hari ini?", "behaviours": ["cepat", "ramah", "senyum"]},
        ),
    ],
    "sabar-dan-mendengarkan": [
        (
            "case",
            {
                "situation": "<p>Seorang bapak datang ke loket dengan nada tinggi karena izinnya belum terbit "
                "setelah dua minggu.</p>",
                "question": "Apa tiga hal pertama yang Anda lakukan?",
                "model_answer": "<ol><li>Dengarkan sampai selesai tanpa memotong.</li><li>Minta maaf atas "
                "keterlambatan dan ulangi inti keluhannya.</li><li>Periksa status berkas di depannya dan sampaikan "
                "kapan izin dapat terbit.</li></ol>",
            },
        ),
    ],
}

AKUNTABEL_THIRD_LESSON = (
    "barang-milik-negara",
    "Menggunakan Barang Milik Negara dengan Bertanggung Jawab",
    [
        (
            "text",
            "<h2>Fasilitas dinas untuk kepentingan dinas</h2><p>Kendaraan, laptop, dan ruang rapat dibeli dengan "
            "uang rakyat. Gunakan sesuai peruntukannya, catat pemakaiannya, dan kembalikan dalam keadaan baik.</p>",
        ),
        (
            "knowledge_check",
            {
                "question": "Bolehkah kendaraan dinas dipakai untuk mengantar keluarga ke acara pribadi?",
                "choices": [
                    {
                        "text": "Tidak, kendaraan dinas hanya untuk tugas kedinasan",
                        "correct": True,
                        "feedback": "Tepat.",
                    },
                    {
                        "text": "Boleh, asal bensin dibayar sendiri",
                        "correct": False,
                        "feedback": "Tetap tidak boleh: aset negara bukan milik pribadi.",
                    },
                ],
                "explanation": "<p>Akuntabel berarti menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien.</p>",
            },
        ),
    ],
)

VALUE_PAGES = [
    {
        "code": "pelayanan",
        "title": "Berorientasi Pelayanan",
        "summary": "Komitmen memberikan pelayanan prima demi kepuasan masyarakat.",
        "explanation": "<p>ASN ada untuk melayani. Pelayanan yang baik membuat masyarakat pulang dengan urusan "
        "selesai dan merasa dihargai.</p>",
        "behaviours": [
            (
                "Memahami dan memenuhi kebutuhan masyarakat",
                "Menanyakan keperluan warga dan memastikan ia pulang dengan jawaban yang jelas.",
            ),
            (
                "Ramah, cekatan, solutif, dan dapat diandalkan",
                "Menyapa dengan senyum, merespons cepat, dan menawarkan bantuan lanjutan.",
            ),
            (
                "Melakukan perbaikan tiada henti",
                "Menindaklanjuti saran dan keluhan untuk memperbaiki standar pelayanan.",
            ),
        ],
    },
    {
        "code": "akuntabel",
        "title": "Akuntabel",
        "summary": "Bertanggung jawab atas kepercayaan yang diberikan.",
        "explanation": "<p>Setiap keputusan dan penggunaan sumber daya negara dapat dipertanggungjawabkan kepada publik.</p>",
        "behaviours": [
            (
                "Jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
                "Mencatat layanan dengan benar dan mengakui kekeliruan.",
            ),
            (
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab",
                "Memakai fasilitas dinas hanya untuk kepentingan dinas.",
            ),
            ("Tidak menyalahgunakan kewenangan jabatan", "Menolak gratifikasi dengan santun dan melaporkannya."),
        ],
    },
    {
        "code": "kompeten",
        "title": "Kompeten",
        "summary": "Terus belajar dan mengembangkan kapabilitas.",
        "explanation": "<p>Aturan dan teknologi berubah; ASN yang kompeten terus belajar agar pelayanan tetap tepat.</p>",
        "behaviours": [
            (
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Memenuhi sedikitnya 20 JP pengembangan kompetensi setiap tahun.",
            ),
            ("Membantu orang lain belajar", "Berbagi pengetahuan prosedur baru dengan rekan satu loket."),
            ("Melaksanakan tugas dengan kualitas terbaik", "Memeriksa ulang berkas sebelum diserahkan."),
        ],
    },
    {
        "code": "harmonis",
        "title": "Harmonis",
        "summary": "Saling peduli dan menghargai perbedaan.",
        "explanation": "<p>Pelayanan publik melayani semua orang tanpa membedakan suku, agama, golongan, atau kemampuan fisik.</p>",
        "behaviours": [
            ("Menghargai setiap orang apa pun latar belakangnya", "Melayani semua warga dengan standar yang sama."),
            ("Suka menolong orang lain", "Mendampingi warga lansia atau penyandang disabilitas."),
            ("Membangun lingkungan kerja yang kondusif", "Menyelesaikan perbedaan pendapat dengan musyawarah."),
        ],
    },
    {
        "code": "loyal",
        "title": "Loyal",
        "summary": "Berdedikasi dan mengutamakan kepentingan bangsa dan negara.",
        "explanation": "<p>Loyal berarti setia kepada Pancasila, UUD 1945, NKRI, dan pemerintahan yang sah, serta menjaga nama baik instansi.</p>",
        "behaviours": [
            ("Memegang teguh ideologi Pancasila dan UUD 1945", "Bersikap netral dan tidak memihak dalam pelayanan."),
            (
                "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
                "Tidak menyebarkan keluhan internal di media sosial.",
            ),
            ("Menjaga rahasia jabatan dan negara", "Melindungi data pribadi warga seperti NIK dan NIP."),
        ],
    },
    {
        "code": "adaptif",
        "title": "Adaptif",
        "summary": "Terus berinovasi dan antusias menghadapi perubahan.",
        "explanation": "<p>Masyarakat berubah cepat; layanan pun harus menyesuaikan, misalnya melalui layanan daring.</p>",
        "behaviours": [
            ("Cepat menyesuaikan diri menghadapi perubahan", "Mempelajari aplikasi layanan baru sejak hari pertama."),
            ("Terus berinovasi dan mengembangkan kreativitas", "Mengusulkan penyederhanaan formulir."),
            ("Bertindak proaktif", "Memberi tahu warga lebih dulu bila ada perubahan jadwal."),
        ],
    },
    {
        "code": "kolaboratif",
        "title": "Kolaboratif",
        "summary": "Membangun kerja sama yang sinergis.",
        "explanation": "<p>Banyak urusan warga melibatkan lebih dari satu unit; kerja sama membuat warga tidak dipingpong.</p>",
        "behaviours": [
            (
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Mengundang unit lain dalam rapat perbaikan layanan.",
            ),
            ("Terbuka bekerja sama untuk menghasilkan nilai tambah", "Berbagi data antarunit sesuai ketentuan."),
            ("Menggerakkan pemanfaatan sumber daya untuk tujuan bersama", "Membuka layanan terpadu satu pintu."),
        ],
    },
]


def _quiz(title: str, questions: list) -> dict:
    return {"title": title, "pass_mark": 70, "display": "all", "questions": questions}  # pass mark  # nosec B105


MODULES += [
    {
        "slug": "kompeten-belajar-sepanjang-karier",
        "title": "Kompeten: Belajar Sepanjang Karier",
        "summary": "Mengenali kebutuhan belajar, memenuhi target 20 JP setahun, dan berbagi ilmu dengan rekan kerja.",
        "objectives": "<ul><li>Menyusun rencana belajar pribadi satu tahun.</li><li>Menjelaskan hak 20 JP pengembangan kompetensi.</li><li>Membantu rekan mempelajari prosedur baru.</li></ul>",
        "jp": 3,
        "minutes": 60,
        "values": ["kompeten"],
        "aspects": ["profesionalisme"],
        "lessons": [
            (
                "mengenali-kebutuhan-belajar",
                "Mengenali Kebutuhan Belajar",
                [
                    (
                        "text",
                        "<h2>Mulai dari tugas sehari-hari</h2><p>Catat pertanyaan warga yang belum bisa Anda jawab selama sepekan. Daftar itu adalah peta kebutuhan belajar Anda.</p>",
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Hak 20 JP",
                            "text": "<p>Setiap PNS berhak atas pengembangan kompetensi paling sedikit 20 jam pelajaran (JP) setahun.</p>",
                        },
                    ),
                ],
            ),
            (
                "rencana-belajar",
                "Menyusun Rencana Belajar",
                [
                    (
                        "text",
                        "<h2>Rencana sederhana</h2><p>Pilih dua kompetensi teknis dan satu kompetensi sosial-kultural. Tentukan modul, waktu belajar, dan cara Anda membuktikan hasilnya.</p>",
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": "Berapa JP pengembangan kompetensi minimal setahun bagi PNS?",
                            "choices": [
                                {"text": "20 JP", "correct": True, "feedback": "Tepat."},
                                {
                                    "text": "8 JP",
                                    "correct": False,
                                    "feedback": "Terlalu sedikit: ketentuannya paling sedikit 20 JP.",
                                },
                                {
                                    "text": "Tidak ada ketentuan",
                                    "correct": False,
                                    "feedback": "Ada: paling sedikit 20 JP setahun.",
                                },
                            ],
                            "explanation": "<p>Target ini dapat diatur oleh instansi, tetapi tidak kurang dari 20 JP.</p>",
                        },
                    ),
                ],
            ),
            (
                "berbagi-ilmu",
                "Membantu Orang Lain Belajar",
                [
                    (
                        "text",
                        "<h2>Berbagi di loket</h2><p>Ketika prosedur berubah, rekan yang sudah paham dapat mendampingi yang lain selama beberapa hari pertama.</p>",
                    ),
                    (
                        "quote",
                        {
                            "quote": "Ilmu yang dibagikan tidak berkurang; pelayanan justru bertambah baik.",
                            "attribution": "Widyaiswara Pusdiklat",
                        },
                    ),
                ],
            ),
        ],
        "quiz": _quiz(
            "Kuis Kompeten",
            [
                ("tf", "Setiap PNS berhak atas pengembangan kompetensi paling sedikit 20 JP setahun.", True, ""),
                (
                    "mc",
                    "Cara paling tepat mengenali kebutuhan belajar adalah…",
                    [
                        ("Mencatat pertanyaan warga yang belum dapat dijawab", True),
                        ("Menunggu ditugaskan pimpinan", False),
                        ("Mengikuti semua pelatihan yang ada", False),
                    ],
                    "",
                ),
                ("tf", "Membantu rekan mempelajari prosedur baru termasuk perilaku Kompeten.", True, ""),
            ],
        ),
    },
    {
        "slug": "harmonis-menghargai-keragaman",
        "title": "Harmonis: Menghargai Keragaman Pengguna Layanan",
        "summary": "Melayani semua warga setara, termasuk lansia dan penyandang disabilitas, serta menjaga suasana kerja yang rukun.",
        "objectives": "<ul><li>Melayani tanpa membedakan latar belakang.</li><li>Menyediakan bantuan bagi penyandang disabilitas.</li></ul>",
        "jp": 2,
        "minutes": 45,
        "values": ["harmonis", "pelayanan"],
        "aspects": ["sarana"],
        "lessons": [
            (
                "setara-untuk-semua",
                "Setara untuk Semua",
                [
                    (
                        "text",
                        "<h2>Satu standar</h2><p>Urutan antrean, waktu layanan, dan keramahan berlaku sama untuk setiap warga, siapa pun dia.</p>",
                    ),
                ],
            ),
            (
                "layanan-ramah-disabilitas",
                "Layanan Ramah Penyandang Disabilitas",
                [
                    (
                        "text",
                        "<h2>Sarana dan sikap</h2><p>Jalur landai, kursi roda, dan loket prioritas penting, tetapi sikap petugas sama pentingnya: tanyakan bantuan apa yang dibutuhkan, jangan menebak.</p>",
                    ),
                    (
                        "case",
                        {
                            "situation": "<p>Seorang warga tunanetra datang sendiri untuk mengurus surat keterangan.</p>",
                            "question": "Bagaimana Anda membantunya mengisi formulir?",
                            "model_answer": "<p>Perkenalkan diri, tawarkan bantuan membacakan dan mengisi formulir, bacakan kembali isinya sebelum ditandatangani, dan antarkan ke loket berikutnya bila perlu.</p>",
                        },
                    ),
                ],
            ),
            (
                "rukun-di-tempat-kerja",
                "Rukun di Tempat Kerja",
                [
                    (
                        "text",
                        "<h2>Tim yang rukun melayani lebih baik</h2><p>Selesaikan perbedaan pendapat dengan musyawarah, bukan di depan pengguna layanan.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "title": "Cek diri: sikap saya pada warga hari ini",
                            "behaviours": ["ramah", "sabar", "mendengar"],
                        },
                    ),
                ],
            ),
        ],
        "quiz": _quiz(
            "Kuis Harmonis",
            [
                ("tf", "Warga yang dikenal petugas boleh didahulukan dari antrean.", False, "Semua warga setara."),
                (
                    "mc",
                    "Membantu warga tunanetra mengisi formulir sebaiknya dimulai dengan…",
                    [
                        ("Menanyakan bantuan apa yang ia butuhkan", True),
                        ("Langsung mengisikan tanpa bertanya", False),
                        ("Memintanya datang bersama keluarga", False),
                    ],
                    "",
                ),
                ("tf", "Perbedaan pendapat antarpetugas sebaiknya diselesaikan di depan pengguna layanan.", False, ""),
            ],
        ),
    },
    {
        "slug": "loyal-menjaga-nama-baik-instansi",
        "title": "Loyal: Menjaga Nama Baik Instansi dan Rahasia Jabatan",
        "summary": "Netral dalam pelayanan, bijak di media sosial, dan menjaga data pribadi warga.",
        "objectives": "<ul><li>Menjaga data pribadi warga.</li><li>Bersikap bijak di media sosial.</li></ul>",
        "jp": 2,
        "minutes": 40,
        "values": ["loyal"],
        "aspects": ["sistem_informasi", "profesionalisme"],
        "lessons": [
            (
                "netral-dalam-pelayanan",
                "Netral dalam Pelayanan",
                [
                    (
                        "text",
                        "<h2>Melayani tanpa memihak</h2><p>ASN melayani seluruh warga dan tidak membawa kepentingan politik ke loket.</p>",
                    ),
                ],
            ),
            (
                "bijak-di-media-sosial",
                "Bijak di Media Sosial",
                [
                    (
                        "text",
                        "<h2>Unggahan Anda mewakili instansi</h2><p>Keluhan internal disampaikan melalui saluran resmi, bukan di media sosial.</p>",
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Hati-hati",
                            "text": "<p>Jangan mengunggah foto berkas warga, walau hanya sebagian.</p>",
                        },
                    ),
                ],
            ),
            (
                "menjaga-data-pribadi",
                "Menjaga Data Pribadi Warga",
                [
                    (
                        "text",
                        "<h2>NIK dan NIP adalah data pribadi</h2><p>Tampilkan sebagian saja bila harus diperlihatkan, dan simpan berkas di tempat yang terkunci.</p>",
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": "Seorang rekan meminta foto KTP warga untuk keperluan di luar dinas. Sikap Anda?",
                            "choices": [
                                {
                                    "text": "Menolak dan menjelaskan bahwa itu data pribadi",
                                    "correct": True,
                                    "feedback": "Tepat: rahasia jabatan dijaga.",
                                },
                                {
                                    "text": "Mengirimkan karena ia rekan sendiri",
                                    "correct": False,
                                    "feedback": "Data warga hanya untuk keperluan dinas.",
                                },
                            ],
                            "explanation": "",
                        },
                    ),
                ],
            ),
        ],
        "quiz": _quiz(
            "Kuis Loyal",
            [
                ("tf", "Foto berkas warga boleh diunggah ke media sosial bila nama disamarkan.", False, ""),
                ("tf", "Menjaga rahasia jabatan termasuk perilaku Loyal.", True, ""),
                (
                    "mc",
                    "Keluhan tentang kebijakan kantor sebaiknya disampaikan…",
                    [
                        ("Melalui saluran resmi kepada atasan", True),
                        ("Di grup media sosial publik", False),
                        ("Kepada pengguna layanan", False),
                    ],
                    "",
                ),
            ],
        ),
    },
    {
        "slug": "adaptif-inovasi-layanan",
        "title": "Adaptif: Inovasi dalam Pelayanan Publik",
        "summary": "Menyambut perubahan, menyederhanakan prosedur, dan memperkenalkan layanan daring tanpa meninggalkan warga yang belum terbiasa.",
        "objectives": "<ul><li>Mengusulkan satu penyederhanaan prosedur.</li><li>Mendampingi warga memakai layanan daring.</li></ul>",
        "jp": 3,
        "minutes": 60,
        "values": ["adaptif"],
        "aspects": ["inovasi", "sistem_informasi"],
        "lessons": [
            (
                "menyambut-perubahan",
                "Menyambut Perubahan",
                [
                    (
                        "text",
                        "<h2>Perubahan adalah bagian dari tugas</h2><p>Aplikasi dan aturan baru datang silih berganti. Pelajari sejak hari pertama dan tanyakan yang belum jelas.</p>",
                    ),
                ],
            ),
            (
                "inovasi-sederhana",
                "Inovasi yang Sederhana",
                [
                    (
                        "text",
                        "<h2>Mulai dari formulir</h2><p>Hapus isian yang tidak pernah dipakai, gabungkan tanda tangan yang berulang, dan ukur waktu layanan sebelum dan sesudahnya.</p>",
                    ),
                    (
                        "case",
                        {
                            "situation": "<p>Warga harus mengisi alamat yang sama di tiga formulir berbeda.</p>",
                            "question": "Usulan apa yang Anda ajukan kepada atasan?",
                            "model_answer": "<p>Gabungkan ketiga formulir atau isi otomatis dari data yang sudah ada, lalu uji coba satu bulan dan bandingkan waktu layanannya.</p>",
                        },
                    ),
                ],
            ),
            (
                "layanan-daring",
                "Mendampingi Warga Memakai Layanan Daring",
                [
                    (
                        "text",
                        "<h2>Tidak ada yang tertinggal</h2><p>Sediakan petugas pendamping dan perangkat di ruang tunggu bagi warga yang belum terbiasa.</p>",
                    ),
                    (
                        "quote",
                        {
                            "quote": "Inovasi yang baik terasa paling mudah bagi warga yang paling kesulitan.",
                            "attribution": "Peserta konsinyasi",
                        },
                    ),
                ],
            ),
        ],
        "quiz": _quiz(
            "Kuis Adaptif",
            [
                (
                    "tf",
                    "Layanan daring berarti loket tatap muka boleh langsung ditutup.",
                    False,
                    "Warga yang belum terbiasa tetap dilayani.",
                ),
                (
                    "mc",
                    "Langkah yang baik sebelum menerapkan inovasi adalah…",
                    [
                        ("Mengukur waktu layanan sebelum dan sesudah uji coba", True),
                        ("Menerapkan langsung tanpa pengukuran", False),
                        ("Menunggu instansi lain mencoba lebih dulu", False),
                    ],
                    "",
                ),
                ("tf", "Bertindak proaktif termasuk perilaku Adaptif.", True, ""),
            ],
        ),
    },
    {
        "slug": "kolaboratif-layanan-terpadu",
        "title": "Kolaboratif: Layanan Terpadu Tanpa Dipingpong",
        "summary": "Bekerja sama lintas unit sehingga warga cukup datang ke satu tempat dan mendapat jawaban tuntas.",
        "objectives": "<ul><li>Meneruskan permintaan ke unit yang tepat.</li><li>Menyusun alur layanan terpadu bersama unit lain.</li></ul>",
        "jp": 2,
        "minutes": 45,
        "values": ["kolaboratif", "pelayanan"],
        "aspects": ["konsultasi", "inovasi"],
        "lessons": [
            (
                "jangan-dipingpong",
                "Warga Jangan Dipingpong",
                [
                    (
                        "text",
                        "<h2>Satu pintu</h2><p>Bila urusan warga bukan wewenang Anda, hubungi unit yang tepat dan antarkan warga, jangan sekadar menyebut nama ruangan.</p>",
                    ),
                ],
            ),
            (
                "pengaduan-lintas-unit",
                "Menangani Pengaduan Lintas Unit",
                [
                    (
                        "text",
                        "<h2>Pengaduan adalah masukan</h2><p>Catat pengaduan, teruskan ke unit terkait, dan kabari pelapor tentang tindak lanjutnya.</p>",
                    ),
                    (
                        "knowledge_check",
                        {
                            "question": "Pengaduan warga menyangkut unit lain. Apa yang Anda lakukan?",
                            "choices": [
                                {
                                    "text": "Mencatat, meneruskan ke unit terkait, dan mengabari pelapor",
                                    "correct": True,
                                    "feedback": "Tepat.",
                                },
                                {
                                    "text": "Meminta warga datang sendiri ke unit itu",
                                    "correct": False,
                                    "feedback": "Itu memingpong warga.",
                                },
                            ],
                            "explanation": "",
                        },
                    ),
                ],
            ),
            (
                "rapat-perbaikan-layanan",
                "Rapat Perbaikan Layanan Bersama",
                [
                    (
                        "text",
                        "<h2>Duduk bersama</h2><p>Undang unit-unit yang terlibat, petakan alur layanan dari sudut pandang warga, dan sepakati siapa mengerjakan apa.</p>",
                    ),
                    ("checklist", {"title": "Sebelum warga pergi", "behaviours": ["bantuan", "maaf_terima_kasih"]}),
                ],
            ),
        ],
        "quiz": _quiz(
            "Kuis Kolaboratif",
            [
                ("tf", "Menyebut nama ruangan lalu membiarkan warga mencarinya sendiri sudah cukup.", False, ""),
                ("tf", "Pelapor pengaduan perlu dikabari tentang tindak lanjutnya.", True, ""),
                (
                    "mc",
                    "Rapat perbaikan layanan sebaiknya memetakan alur dari sudut pandang…",
                    [
                        ("Warga pengguna layanan", True),
                        ("Unit yang paling senior", False),
                        ("Vendor aplikasi", False),
                    ],
                    "",
                ),
            ],
        ),
    },
]

MODULES[1]["lessons"].append(AKUNTABEL_THIRD_LESSON)
MODULES[0]["aspects"] = ["konsultasi", "profesionalisme"]
MODULES[0]["objectives"] = (
    "<ul><li>Menyambut pengguna layanan dengan senyum, sapa, dan salam.</li>"
    "<li>Mendengarkan keluhan sampai selesai.</li><li>Menawarkan bantuan lanjutan.</li></ul>"
)
MODULES[1]["aspects"] = ["profesionalisme"]
MODULES[1]["objectives"] = (
    "<ul><li>Menolak gratifikasi dengan santun.</li><li>Menggunakan barang milik negara sesuai peruntukannya.</li></ul>"
)
