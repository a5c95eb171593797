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
            "pass_mark": 70,
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
            "pass_mark": 70,
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
