"""Synthetic name pools per nationality (common names; no real persons)."""

from __future__ import annotations

# nationality: (weight, family names, female given names, male given names, languages)
POOLS: dict[str, tuple[int, list[str], list[str], list[str], list[str]]] = {
    "SY": (
        22,
        [
            "Al-Hassan",
            "Haddad",
            "Khalil",
            "Mansour",
            "Darwish",
            "Hamdan",
            "Saleh",
            "Ibrahim",
            "Aziz",
            "Kurdi",
        ],
        ["Amina", "Fatima", "Rania", "Layla", "Noor", "Hiba", "Yasmin", "Dima"],
        ["Mohammed", "Ahmad", "Omar", "Khaled", "Yousef", "Hussein", "Ali", "Mahmoud"],
        ["ar", "ku"],
    ),
    "AF": (
        12,
        ["Ahmadi", "Rahimi", "Hakimi", "Sultani", "Noori", "Karimi", "Wardak", "Popal"],
        ["Mariam", "Zahra", "Parwana", "Fereshta", "Shabnam", "Nilofar"],
        ["Mustafa", "Ahmad", "Hamid", "Farid", "Jawad", "Sohrab", "Mohammad"],
        ["fa", "ps"],
    ),
    "TR": (
        12,
        ["Yilmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan"],
        ["Elif", "Zeynep", "Ayşe", "Emine", "Merve", "Büşra"],
        ["Mehmet", "Mustafa", "Emre", "Hüseyin", "Murat", "Ömer"],
        ["tr", "ku"],
    ),
    "UA": (
        15,
        ["Kovalenko", "Bondarenko", "Tkachenko", "Shevchenko", "Melnyk", "Kravchenko", "Boiko"],
        ["Olena", "Iryna", "Natalia", "Oksana", "Tetiana", "Yulia"],
        ["Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola"],
        ["uk", "ru"],
    ),
    "IQ": (
        9,
        ["Al-Jabouri", "Hassan", "Kareem", "Jasim", "Abdullah", "Rashid"],
        ["Zainab", "Hawra", "Sara", "Maryam"],
        ["Mohamad", "Haider", "Mustafa", "Ali", "Abbas"],
        ["ar", "ku"],
    ),
    "ER": (
        5,
        ["Tesfay", "Haile", "Gebremedhin", "Kidane", "Berhane"],
        ["Selam", "Helen", "Senait", "Ruta"],
        ["Yonas", "Dawit", "Samuel", "Filmon"],
        ["ti"],
    ),
    "GN": (
        4,
        ["Diallo", "Barry", "Bah", "Sow", "Camara"],
        ["Mariama", "Fatoumata", "Aissatou"],
        ["Mamadou", "Alpha", "Ibrahima", "Thierno"],
        ["ff", "fr"],
    ),
    "NG": (
        4,
        ["Okafor", "Adeyemi", "Nwosu", "Eze", "Ogunleye"],
        ["Blessing", "Chioma", "Ngozi"],
        ["Emeka", "Chinedu", "Tunde", "Samuel"],
        ["en", "yo"],
    ),
    "IR": (
        5,
        ["Hosseini", "Moradi", "Rezaei", "Jafari", "Ahmadi"],
        ["Shirin", "Maryam", "Neda", "Parisa"],
        ["Reza", "Amir", "Hossein", "Mehdi"],
        ["fa"],
    ),
    "XK": (
        4,
        ["Krasniqi", "Gashi", "Berisha", "Morina", "Hoxha"],
        ["Arta", "Blerta", "Drita"],
        ["Arben", "Besnik", "Driton", "Fatmir"],
        ["sq"],
    ),
    "RU": (
        3,
        ["Ivanov", "Smirnov", "Kuznetsov", "Popov"],
        ["Anna", "Elena", "Olga"],
        ["Sergei", "Alexei", "Ivan"],
        ["ru"],
    ),
    "XX": (2, ["Ahmed", "Hussein", "Mohamed"], ["Amal", "Rana"], ["Khaled", "Mohammed"], ["ar"]),
}

# Spellings that appear in German files for the same name.
VARIANTS: dict[str, list[str]] = {
    "Mohammed": ["Muhammad", "Mohamad"],
    "Mohammad": ["Muhammad", "Mohamed"],
    "Mohamad": ["Mohammed"],
    "Yousef": ["Yusuf", "Youssef"],
    "Hussein": ["Husain", "Hossein"],
    "Al-Hassan": ["Alhassan", "El-Hasan"],
    "Khalil": ["Chalil"],
    "Ahmad": ["Ahmed"],
}

STREETS = [
    "Bahnhofstraße",
    "Hauptstraße",
    "Kirchweg",
    "Lindenallee",
    "Am Markt",
    "Schulstraße",
    "Gartenweg",
    "Mühlenstraße",
    "Ringstraße",
    "Feldweg",
]
