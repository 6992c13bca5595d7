# ruff: noqa: E501
"""Demo catalogue of an Ausländerbehörde: Anliegen in plain German with translations for all
portal languages. Durations are plausible values (domain notes 4.2: UNVERIFIED); fee amounts
follow § 45 ff. AufenthV as quoted by municipal pages and are marked "to be checked"."""

from __future__ import annotations

from typing import Any

LANGS = ("en", "ar", "uk", "tr", "fa", "ru")

# Items of the Mitbringliste: German, then en, ar, uk, tr, fa, ru.
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "pass": (
        "Reisepass oder Passersatz",
        "Passport or substitute passport",
        "جواز السفر أو وثيقة بديلة عن جواز السفر",
        "Закордонний паспорт або документ, що його замінює",
        "Pasaport veya pasaport yerine geçen belge",
        "گذرنامه یا سند جایگزین گذرنامه",
        "Заграничный паспорт или документ, заменяющий паспорт",
    ),
    "foto": (
        "1 biometrisches Passfoto (nicht älter als 6 Monate)",
        "1 biometric passport photo (not older than 6 months)",
        "صورة بيومترية واحدة لجواز السفر (لا يزيد عمرها عن 6 أشهر)",
        "1 біометричне фото на паспорт (не старше 6 місяців)",
        "1 adet biyometrik vesikalık fotoğraf (6 aydan eski olmamalı)",
        "۱ عکس بیومتریک گذرنامه (قدیمی‌تر از ۶ ماه نباشد)",
        "1 биометрическая фотография на паспорт (не старше 6 месяцев)",
    ),
    "titel": (
        "Ihr jetziger Aufenthaltstitel",
        "Your current residence permit",
        "تصريح الإقامة الحالي الخاص بك",
        "Ваш чинний дозвіл на проживання",
        "Mevcut oturma izniniz",
        "اجازه اقامت فعلی شما",
        "Ваш действующий вид на жительство",
    ),
    "einkommen": (
        "Nachweise über Ihr Einkommen (zum Beispiel Lohnabrechnungen der letzten 3 Monate)",
        "Proof of your income (for example payslips of the last 3 months)",
        "إثبات دخلك (مثلاً كشوف الراتب لآخر 3 أشهر)",
        "Підтвердження доходу (наприклад, розрахункові листи за останні 3 місяці)",
        "Gelirinizi gösteren belgeler (örneğin son 3 ayın maaş bordroları)",
        "مدارک درآمد شما (برای مثال فیش حقوقی ۳ ماه گذشته)",
        "Подтверждение дохода (например, расчётные листы за последние 3 месяца)",
    ),
    "kv": (
        "Nachweis der Krankenversicherung",
        "Proof of health insurance",
        "إثبات التأمين الصحي",
        "Підтвердження медичного страхування",
        "Sağlık sigortası belgesi",
        "مدرک بیمه درمانی",
        "Подтверждение медицинской страховки",
    ),
    "miete": (
        "Mietvertrag oder ein anderer Nachweis über Ihre Wohnung",
        "Tenancy agreement or other proof of your home",
        "عقد الإيجار أو إثبات آخر لسكنك",
        "Договір оренди або інше підтвердження житла",
        "Kira sözleşmesi veya konutunuzu gösteren başka bir belge",
        "قرارداد اجاره یا مدرک دیگری درباره محل سکونت شما",
        "Договор аренды или другое подтверждение жилья",
    ),
    "pin": (
        "Abholschein und PIN-Brief",
        "Collection slip and PIN letter",
        "إيصال الاستلام ورسالة الرقم السري (PIN)",
        "Квитанція для отримання та лист із PIN-кодом",
        "Teslim alma belgesi ve PIN mektubu",
        "رسید تحویل و نامه PIN",
        "Квитанция на получение и письмо с PIN-кодом",
    ),
    "gast": (
        "Name, Geburtsdatum und Passnummer der Gäste",
        "Name, date of birth and passport number of your guests",
        "اسم الضيوف وتاريخ ميلادهم ورقم جواز سفرهم",
        "Ім'я, дата народження та номер паспорта гостей",
        "Misafirlerin adı, doğum tarihi ve pasaport numarası",
        "نام، تاریخ تولد و شماره گذرنامه مهمانان",
        "Имя, дата рождения и номер паспорта гостей",
    ),
    "rente": (
        "Nachweis über Beiträge zur Rentenversicherung",
        "Proof of pension insurance contributions",
        "إثبات دفع اشتراكات التأمين التقاعدي",
        "Підтвердження внесків до пенсійного страхування",
        "Emeklilik sigortası primlerini gösteren belge",
        "مدرک پرداخت حق بیمه بازنشستگی",
        "Подтверждение взносов в пенсионное страхование",
    ),
    "sprache": (
        "Nachweis über Ihre Deutschkenntnisse",
        "Proof of your German language skills",
        "إثبات معرفتك باللغة الألمانية",
        "Підтвердження знання німецької мови",
        "Almanca bilginizi gösteren belge",
        "مدرک آشنایی شما با زبان آلمانی",
        "Подтверждение знания немецкого языка",
    ),
    "brief": (
        "Unser Schreiben mit dem Aktenzeichen",
        "Our letter with the file number",
        "رسالتنا التي تحمل رقم الملف",
        "Наш лист із номером справи",
        "Dosya numarasını içeren yazımız",
        "نامه ما با شماره پرونده",
        "Наше письмо с номером дела",
    ),
    "unterlagen": (
        "Die Unterlagen, die wir angefordert haben",
        "The documents we asked for",
        "المستندات التي طلبناها منك",
        "Документи, які ми запросили",
        "Sizden istediğimiz belgeler",
        "مدارکی که از شما خواسته‌ایم",
        "Документы, которые мы запросили",
    ),
    "vertrag": (
        "Arbeitsvertrag oder Stellenangebot",
        "Employment contract or job offer",
        "عقد العمل أو عرض العمل",
        "Трудовий договір або пропозиція роботи",
        "İş sözleşmesi veya iş teklifi",
        "قرارداد کار یا پیشنهاد شغلی",
        "Трудовой договор или предложение о работе",
    ),
    "neuerpass": (
        "Neuer und alter Reisepass",
        "New and old passport",
        "جواز السفر الجديد والقديم",
        "Новий і старий паспорт",
        "Yeni ve eski pasaport",
        "گذرنامه جدید و قدیمی",
        "Новый и старый паспорт",
    ),
    "visum": (
        "Visum",
        "Visa",
        "التأشيرة",
        "Віза",
        "Vize",
        "ویزا",
        "Виза",
    ),
    "melde": (
        "Meldebescheinigung",
        "Certificate of registration (Meldebescheinigung)",
        "شهادة تسجيل السكن (Meldebescheinigung)",
        "Довідка про реєстрацію місця проживання (Meldebescheinigung)",
        "İkamet kaydı belgesi (Meldebescheinigung)",
        "گواهی ثبت محل سکونت (Meldebescheinigung)",
        "Справка о регистрации по месту жительства (Meldebescheinigung)",
    ),
}

# key: (German name, German description, duration, documents, fee note, walk-in, team,
#       {lang: (name, description)})
SERVICES: list[dict[str, Any]] = [
    {
        "key": "verlaengern",
        "name": "Aufenthaltserlaubnis verlängern",
        "description": "Ihre Aufenthaltserlaubnis läuft bald ab. Sie möchten sie verlängern.",
        "duration": 30,
        "documents": ["pass", "foto", "titel", "einkommen", "kv", "miete"],
        "fee": "Gebühr nach § 45 AufenthV, etwa 65–80 € (Betrag wird noch geprüft)",
        "walk_in": False,
        "team": "Erwerbsmigration",
        "ozg_id": "10255",
        "tr": {
            "en": (
                "Extend residence permit",
                "Your residence permit expires soon. You want to extend it.",
            ),
            "ar": ("تمديد تصريح الإقامة", "ينتهي تصريح إقامتك قريباً. تريد تمديده."),
            "uk": (
                "Продовжити дозвіл на проживання",
                "Ваш дозвіл на проживання скоро закінчується. Ви хочете його продовжити.",
            ),
            "tr": (
                "Oturma iznini uzatma",
                "Oturma izninizin süresi yakında doluyor. İzninizi uzatmak istiyorsunuz.",
            ),
            "fa": (
                "تمدید اجازه اقامت",
                "اجازه اقامت شما به زودی تمام می‌شود. می‌خواهید آن را تمدید کنید.",
            ),
            "ru": (
                "Продлить вид на жительство",
                "Срок вашего вида на жительство скоро истекает. Вы хотите его продлить.",
            ),
        },
    },
    {
        "key": "erteilung",
        "name": "Aufenthaltserlaubnis zum ersten Mal beantragen",
        "description": "Sie sind neu in Deutschland. Sie brauchen zum ersten Mal eine Aufenthaltserlaubnis.",
        "duration": 40,
        "documents": ["pass", "foto", "visum", "melde", "kv", "miete"],
        "fee": "Gebühr nach § 45 AufenthV, etwa 100 € (Betrag wird noch geprüft)",
        "walk_in": False,
        "team": "Erwerbsmigration",
        "ozg_id": "10255",
        "tr": {
            "en": (
                "Apply for a residence permit for the first time",
                "You are new in Germany. You need a residence permit for the first time.",
            ),
            "ar": (
                "طلب تصريح إقامة لأول مرة",
                "أنت جديد في ألمانيا. تحتاج إلى تصريح إقامة لأول مرة.",
            ),
            "uk": (
                "Вперше подати заяву на дозвіл на проживання",
                "Ви нещодавно в Німеччині. Вам уперше потрібен дозвіл на проживання.",
            ),
            "tr": (
                "İlk kez oturma izni başvurusu",
                "Almanya'ya yeni geldiniz. İlk kez bir oturma iznine ihtiyacınız var.",
            ),
            "fa": (
                "درخواست اجازه اقامت برای اولین بار",
                "شما تازه به آلمان آمده‌اید. برای اولین بار به اجازه اقامت نیاز دارید.",
            ),
            "ru": (
                "Впервые подать заявление на вид на жительство",
                "Вы недавно в Германии. Вам впервые нужен вид на жительство.",
            ),
        },
    },
    {
        "key": "eat",
        "name": "Aufenthaltstitel-Karte (eAT) abholen",
        "description": "Ihre neue Karte ist fertig. Sie haben einen Brief bekommen und holen die Karte ab.",
        "duration": 10,
        "documents": ["pass", "pin", "titel"],
        "fee": "Keine weitere Gebühr (schon bei der Beantragung bezahlt)",
        "walk_in": True,
        "team": "Servicepoint",
        "ozg_id": "10596",
        "tr": {
            "en": (
                "Collect your residence card (eAT)",
                "Your new card is ready. You received a letter and collect the card.",
            ),
            "ar": (
                "استلام بطاقة الإقامة (eAT)",
                "بطاقتك الجديدة جاهزة. وصلتك رسالة وتأتي لاستلام البطاقة.",
            ),
            "uk": (
                "Отримати картку дозволу на проживання (eAT)",
                "Ваша нова картка готова. Ви отримали лист і забираєте картку.",
            ),
            "tr": (
                "Oturma izni kartını (eAT) teslim alma",
                "Yeni kartınız hazır. Bir mektup aldınız ve kartınızı teslim alıyorsunuz.",
            ),
            "fa": (
                "دریافت کارت اقامت (eAT)",
                "کارت جدید شما آماده است. نامه‌ای دریافت کرده‌اید و کارت را تحویل می‌گیرید.",
            ),
            "ru": (
                "Получить карту вида на жительство (eAT)",
                "Ваша новая карта готова. Вы получили письмо и забираете карту.",
            ),
        },
    },
    {
        "key": "fiktion",
        "name": "Fiktionsbescheinigung",
        "description": "Wir haben über Ihren Antrag noch nicht entschieden. Sie brauchen eine Bescheinigung, dass Sie bleiben dürfen.",
        "duration": 15,
        "documents": ["pass", "foto", "titel"],
        "fee": "etwa 13 € (Betrag wird noch geprüft)",
        "walk_in": True,
        "team": "Servicepoint",
        "ozg_id": "10596",
        "tr": {
            "en": (
                "Fiktionsbescheinigung (provisional certificate)",
                "We have not yet decided on your application. You need a certificate that you may stay.",
            ),
            "ar": (
                "شهادة الإقامة المؤقتة (Fiktionsbescheinigung)",
                "لم نتخذ قراراً بشأن طلبك بعد. تحتاج إلى شهادة تثبت أنه يحق لك البقاء.",
            ),
            "uk": (
                "Тимчасова довідка (Fiktionsbescheinigung)",
                "Ми ще не ухвалили рішення щодо вашої заяви. Вам потрібна довідка, що ви можете залишатися.",
            ),
            "tr": (
                "Geçici belge (Fiktionsbescheinigung)",
                "Başvurunuz hakkında henüz karar vermedik. Kalabileceğinizi gösteren bir belgeye ihtiyacınız var.",
            ),
            "fa": (
                "گواهی موقت (Fiktionsbescheinigung)",
                "ما هنوز درباره درخواست شما تصمیم نگرفته‌ایم. شما به گواهی‌ای نیاز دارید که نشان دهد می‌توانید بمانید.",
            ),
            "ru": (
                "Временное удостоверение (Fiktionsbescheinigung)",
                "Мы ещё не приняли решение по вашему заявлению. Вам нужно удостоверение, что вы можете оставаться.",
            ),
        },
    },
    {
        "key": "verpflichtung",
        "name": "Verpflichtungserklärung",
        "description": "Sie laden Besuch aus dem Ausland ein. Sie erklären, dass Sie die Kosten für den Besuch bezahlen.",
        "duration": 30,
        "documents": ["pass", "einkommen", "miete", "gast"],
        "fee": "29 € (Betrag wird noch geprüft)",
        "walk_in": False,
        "team": "Servicepoint",
        "ozg_id": "",
        "tr": {
            "en": (
                "Formal obligation (Verpflichtungserklärung)",
                "You invite guests from abroad. You declare that you will pay the costs of the visit.",
            ),
            "ar": (
                "إقرار الالتزام (Verpflichtungserklärung)",
                "تدعو ضيوفاً من الخارج. تقر بأنك ستدفع تكاليف الزيارة.",
            ),
            "uk": (
                "Зобов'язання (Verpflichtungserklärung)",
                "Ви запрошуєте гостей з-за кордону. Ви заявляєте, що оплатите витрати на візит.",
            ),
            "tr": (
                "Taahhütname (Verpflichtungserklärung)",
                "Yurt dışından misafir davet ediyorsunuz. Ziyaretin masraflarını ödeyeceğinizi beyan ediyorsunuz.",
            ),
            "fa": (
                "تعهدنامه (Verpflichtungserklärung)",
                "شما مهمانانی را از خارج دعوت می‌کنید. اعلام می‌کنید که هزینه‌های سفر را می‌پردازید.",
            ),
            "ru": (
                "Обязательство (Verpflichtungserklärung)",
                "Вы приглашаете гостей из-за границы. Вы заявляете, что оплатите расходы на визит.",
            ),
        },
    },
    {
        "key": "niederlassung",
        "name": "Niederlassungserlaubnis beantragen",
        "description": "Sie leben schon lange in Deutschland. Sie möchten ein unbefristetes Aufenthaltsrecht.",
        "duration": 45,
        "documents": ["pass", "foto", "titel", "einkommen", "rente", "sprache", "miete"],
        "fee": "etwa 113–147 € (Betrag wird noch geprüft)",
        "walk_in": False,
        "team": "Familie und Humanitär",
        "ozg_id": "10255",
        "tr": {
            "en": (
                "Apply for a settlement permit",
                "You have lived in Germany for a long time. You want a permanent right of residence.",
            ),
            "ar": (
                "طلب تصريح الإقامة الدائمة",
                "تعيش في ألمانيا منذ فترة طويلة. تريد حق إقامة غير محدد المدة.",
            ),
            "uk": (
                "Подати заяву на дозвіл на поселення",
                "Ви вже давно живете в Німеччині. Ви хочете безстрокове право на проживання.",
            ),
            "tr": (
                "Süresiz oturma izni başvurusu",
                "Uzun zamandır Almanya'da yaşıyorsunuz. Süresiz oturma hakkı istiyorsunuz.",
            ),
            "fa": (
                "درخواست اجازه اقامت دائم",
                "شما مدت زیادی است در آلمان زندگی می‌کنید. حق اقامت نامحدود می‌خواهید.",
            ),
            "ru": (
                "Подать заявление на бессрочный вид на жительство",
                "Вы давно живёте в Германии. Вы хотите бессрочное право на проживание.",
            ),
        },
    },
    {
        "key": "uebertrag",
        "name": "Aufenthaltstitel auf neuen Pass übertragen",
        "description": "Sie haben einen neuen Reisepass. Wir tragen Ihren Aufenthaltstitel für den neuen Pass ein.",
        "duration": 15,
        "documents": ["neuerpass", "titel", "foto"],
        "fee": "Gebühr nach AufenthV (Betrag wird noch geprüft)",
        "walk_in": True,
        "team": "Servicepoint",
        "ozg_id": "10596",
        "tr": {
            "en": (
                "Transfer residence permit to a new passport",
                "You have a new passport. We register your residence permit for the new passport.",
            ),
            "ar": (
                "نقل تصريح الإقامة إلى جواز سفر جديد",
                "لديك جواز سفر جديد. نسجل تصريح إقامتك على جواز السفر الجديد.",
            ),
            "uk": (
                "Перенести дозвіл на проживання в новий паспорт",
                "У вас новий паспорт. Ми оформлюємо ваш дозвіл на проживання для нового паспорта.",
            ),
            "tr": (
                "Oturma iznini yeni pasaporta aktarma",
                "Yeni bir pasaportunuz var. Oturma izninizi yeni pasaport için kaydediyoruz.",
            ),
            "fa": (
                "انتقال اجازه اقامت به گذرنامه جدید",
                "شما گذرنامه جدید دارید. ما اجازه اقامت شما را برای گذرنامه جدید ثبت می‌کنیم.",
            ),
            "ru": (
                "Перенести вид на жительство в новый паспорт",
                "У вас новый паспорт. Мы оформляем ваш вид на жительство для нового паспорта.",
            ),
        },
    },
    {
        "key": "unterlagen",
        "name": "Unterlagen abgeben",
        "description": "Wir haben Sie um Unterlagen gebeten. Sie bringen sie vorbei.",
        "duration": 10,
        "documents": ["brief", "unterlagen"],
        "fee": "kostenlos",
        "walk_in": True,
        "team": "Servicepoint",
        "ozg_id": "",
        "tr": {
            "en": ("Hand in documents", "We asked you for documents. You bring them to us."),
            "ar": ("تسليم المستندات", "طلبنا منك مستندات. تحضرها إلينا."),
            "uk": ("Подати документи", "Ми попросили вас надати документи. Ви приносите їх."),
            "tr": ("Belge teslim etme", "Sizden belge istedik. Belgeleri bize getiriyorsunuz."),
            "fa": ("تحویل مدارک", "ما از شما مدارکی خواسته‌ایم. شما آن‌ها را می‌آورید."),
            "ru": ("Сдать документы", "Мы попросили вас предоставить документы. Вы приносите их."),
        },
    },
    {
        "key": "beschaeftigung",
        "name": "Erlaubnis zur Arbeit ändern",
        "description": "Sie haben eine neue Arbeitsstelle. Sie brauchen eine Erlaubnis oder eine Änderung in Ihrem Titel.",
        "duration": 20,
        "documents": ["pass", "titel", "vertrag"],
        "fee": "Gebühr nach AufenthV (Betrag wird noch geprüft)",
        "walk_in": False,
        "team": "Erwerbsmigration",
        "ozg_id": "10255",
        "tr": {
            "en": (
                "Change your work permission",
                "You have a new job. You need a permission or a change in your permit.",
            ),
            "ar": ("تغيير إذن العمل", "لديك وظيفة جديدة. تحتاج إلى إذن أو تغيير في تصريحك."),
            "uk": (
                "Змінити дозвіл на роботу",
                "У вас нова робота. Вам потрібен дозвіл або зміна у вашому документі.",
            ),
            "tr": (
                "Çalışma iznini değiştirme",
                "Yeni bir işiniz var. Bir izne veya izninizde bir değişikliğe ihtiyacınız var.",
            ),
            "fa": (
                "تغییر اجازه کار",
                "شما کار جدیدی دارید. به اجازه یا تغییری در اجازه اقامت خود نیاز دارید.",
            ),
            "ru": (
                "Изменить разрешение на работу",
                "У вас новая работа. Вам нужно разрешение или изменение в вашем документе.",
            ),
        },
    },
    {
        "key": "einbuergerung",
        "name": "Einbürgerung: Beratung",
        "description": "Sie möchten Deutsche oder Deutscher werden. Wir erklären Ihnen den Weg und die Unterlagen.",
        "duration": 30,
        "documents": ["pass", "titel", "sprache"],
        "fee": "Beratung kostenlos",
        "walk_in": False,
        "team": "Einbürgerung",
        "ozg_id": "",
        "tr": {
            "en": (
                "Naturalisation: advice",
                "You want to become German. We explain the steps and the documents.",
            ),
            "ar": (
                "التجنس: استشارة",
                "تريد الحصول على الجنسية الألمانية. نشرح لك الخطوات والمستندات.",
            ),
            "uk": (
                "Натуралізація: консультація",
                "Ви хочете отримати німецьке громадянство. Ми пояснимо кроки та документи.",
            ),
            "tr": (
                "Vatandaşlığa geçiş: danışmanlık",
                "Alman vatandaşı olmak istiyorsunuz. Size adımları ve belgeleri açıklıyoruz.",
            ),
            "fa": (
                "تابعیت: مشاوره",
                "می‌خواهید تابعیت آلمان را بگیرید. ما مراحل و مدارک را برای شما توضیح می‌دهیم.",
            ),
            "ru": (
                "Натурализация: консультация",
                "Вы хотите получить гражданство Германии. Мы объясним шаги и документы.",
            ),
        },
    },
]

# The location note in all languages.
NOTE = (
    "Eingang B, Erdgeschoss. Der Eingang ist barrierefrei. Bitte kommen Sie pünktlich.",
    "Entrance B, ground floor. The entrance is step-free. Please be on time.",
    "المدخل B، الطابق الأرضي. المدخل خالٍ من العوائق. يرجى الحضور في الموعد.",
    "Вхід B, перший поверх. Вхід без сходів. Будь ласка, приходьте вчасно.",
    "B girişi, zemin kat. Giriş engelsizdir. Lütfen zamanında gelin.",
    "ورودی B، طبقه همکف. ورودی بدون پله است. لطفاً سر وقت بیایید.",
    "Вход B, первый этаж. Вход без ступенек. Пожалуйста, приходите вовремя.",
)


def translations(service: dict[str, Any]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    tr: dict[str, tuple[str, str]] = service["tr"]
    for index, lang in enumerate(LANGS, start=1):
        name, description = tr[lang]
        documents = "\n".join(DOCUMENTS[k][index] for k in service["documents"])
        result[lang] = {"name": name, "description": description, "documents": documents}
    return result


def german_documents(service: dict[str, Any]) -> str:
    return "\n".join(DOCUMENTS[k][0] for k in service["documents"])


def note_translations() -> dict[str, dict[str, str]]:
    return {lang: {"note": NOTE[i]} for i, lang in enumerate(LANGS, start=1)}
