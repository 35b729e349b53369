"""A synthetic film catalogue for the benchmarks.

    python benchmarks/generate.py N OUT.yaml [--seed S]

writes N made-up Soviet films in the catalogue format (README, "Catalogue"):
English titles built from word lists ("The Cold Morning of 1953", "A Song for
the River"), Russian original titles that translate them (real Russian words,
agreeing in gender and case), Latin transliterations as aliases, directors in
both scripts, cast, studio, year, a description, two facts and a cinema note.
The same N and seed always give the same file.

Other benchmark scripts import `generate`, `write` and `queries`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
import time
from pathlib import Path
from typing import Any

import yaml

# --- word lists ---------------------------------------------------------------------------
# Nouns: (English, Russian nominative, gender m/f/n, Russian genitive)
NOUNS = [
    ("Morning", "утро", "n", "утра"), ("River", "река", "f", "реки"), ("Song", "песня", "f", "песни"),
    ("Road", "дорога", "f", "дороги"), ("Summer", "лето", "n", "лета"), ("Winter", "зима", "f", "зимы"),
    ("Autumn", "осень", "f", "осени"), ("Spring", "весна", "f", "весны"), ("House", "дом", "m", "дома"),
    ("City", "город", "m", "города"), ("Village", "деревня", "f", "деревни"), ("Field", "поле", "n", "поля"),
    ("Forest", "лес", "m", "леса"), ("Sea", "море", "n", "моря"), ("Shore", "берег", "m", "берега"),
    ("Island", "остров", "m", "острова"), ("Mountain", "гора", "f", "горы"), ("Sky", "небо", "n", "неба"),
    ("Star", "звезда", "f", "звезды"), ("Moon", "луна", "f", "луны"), ("Sun", "солнце", "n", "солнца"),
    ("Wind", "ветер", "m", "ветра"), ("Rain", "дождь", "m", "дождя"), ("Snow", "снег", "m", "снега"),
    ("Night", "ночь", "f", "ночи"), ("Evening", "вечер", "m", "вечера"), ("Day", "день", "m", "дня"),
    ("Train", "поезд", "m", "поезда"), ("Station", "вокзал", "m", "вокзала"), ("Ship", "корабль", "m", "корабля"),
    ("Bridge", "мост", "m", "моста"), ("Garden", "сад", "m", "сада"), ("Window", "окно", "n", "окна"),
    ("Door", "дверь", "f", "двери"), ("Letter", "письмо", "n", "письма"), ("Mirror", "зеркало", "n", "зеркала"),
    ("Bell", "колокол", "m", "колокола"), ("Horse", "конь", "m", "коня"), ("Bird", "птица", "f", "птицы"),
    ("Wolf", "волк", "m", "волка"), ("Soldier", "солдат", "m", "солдата"), ("Captain", "капитан", "m", "капитана"),
    ("Teacher", "учитель", "m", "учителя"), ("Doctor", "доктор", "m", "доктора"), ("Pilot", "лётчик", "m", "лётчика"),
    ("Mother", "мать", "f", "матери"), ("Father", "отец", "m", "отца"), ("Son", "сын", "m", "сына"),
    ("Daughter", "дочь", "f", "дочери"), ("Brother", "брат", "m", "брата"), ("Sister", "сестра", "f", "сестры"),
    ("Friend", "друг", "m", "друга"), ("Stranger", "незнакомец", "m", "незнакомца"), ("Girl", "девушка", "f", "девушки"),
    ("Boy", "мальчик", "m", "мальчика"), ("Heart", "сердце", "n", "сердца"), ("Dream", "сон", "m", "сна"),
    ("Memory", "память", "f", "памяти"), ("Silence", "тишина", "f", "тишины"), ("Fire", "огонь", "m", "огня"),
    ("Harvest", "урожай", "m", "урожая"), ("Factory", "завод", "m", "завода"), ("Steppe", "степь", "f", "степи"),
    ("Lake", "озеро", "n", "озера"), ("Lighthouse", "маяк", "m", "маяка"), ("Frontier", "граница", "f", "границы"),
    ("Word", "слово", "n", "слова"), ("Truth", "правда", "f", "правды"), ("Happiness", "счастье", "n", "счастья"),
    ("Love", "любовь", "f", "любви"), ("War", "война", "f", "войны"), ("Victory", "победа", "f", "победы"),
    ("Childhood", "детство", "n", "детства"), ("Youth", "юность", "f", "юности"), ("Homeland", "родина", "f", "родины"),
    ("Camera", "камера", "f", "камеры"), ("Screen", "экран", "m", "экрана"), ("Film", "плёнка", "f", "плёнки"),
    ("Cinema", "кино", "n", "кино"), ("Theatre", "театр", "m", "театра"), ("Circus", "цирк", "m", "цирка"),
    ("Orchestra", "оркестр", "m", "оркестра"), ("Violin", "скрипка", "f", "скрипки"), ("Key", "ключ", "m", "ключа"),
    ("Clock", "часы", "p", "часов"), ("Ballad", "баллада", "f", "баллады"), ("Legend", "легенда", "f", "легенды"),
]  # fmt: skip
# Adjectives: (English, masculine, feminine, neuter, plural)
ADJECTIVES = [
    ("Cold", "холодный", "холодная", "холодное", "холодные"), ("Warm", "тёплый", "тёплая", "тёплое", "тёплые"),
    ("Last", "последний", "последняя", "последнее", "последние"), ("First", "первый", "первая", "первое", "первые"),
    ("White", "белый", "белая", "белое", "белые"), ("Black", "чёрный", "чёрная", "чёрное", "чёрные"),
    ("Red", "красный", "красная", "красное", "красные"), ("Blue", "синий", "синяя", "синее", "синие"),
    ("Green", "зелёный", "зелёная", "зелёное", "зелёные"), ("Golden", "золотой", "золотая", "золотое", "золотые"),
    ("Silver", "серебряный", "серебряная", "серебряное", "серебряные"), ("Quiet", "тихий", "тихая", "тихое", "тихие"),
    ("Long", "долгий", "долгая", "долгое", "долгие"), ("Short", "короткий", "короткая", "короткое", "короткие"),
    ("Old", "старый", "старая", "старое", "старые"), ("New", "новый", "новая", "новое", "новые"),
    ("Young", "молодой", "молодая", "молодое", "молодые"), ("Distant", "далёкий", "далёкая", "далёкое", "далёкие"),
    ("Near", "близкий", "близкая", "близкое", "близкие"), ("Bright", "светлый", "светлая", "светлое", "светлые"),
    ("Dark", "тёмный", "тёмная", "тёмное", "тёмные"), ("Great", "великий", "великая", "великое", "великие"),
    ("Small", "маленький", "маленькая", "маленькое", "маленькие"), ("Big", "большой", "большая", "большое", "большие"),
    ("Northern", "северный", "северная", "северное", "северные"), ("Southern", "южный", "южная", "южное", "южные"),
    ("Eastern", "восточный", "восточная", "восточное", "восточные"), ("Western", "западный", "западная", "западное", "западные"),
    ("Lonely", "одинокий", "одинокая", "одинокое", "одинокие"), ("Happy", "счастливый", "счастливая", "счастливое", "счастливые"),
    ("Strange", "странный", "странная", "странное", "странные"), ("Secret", "тайный", "тайная", "тайное", "тайные"),
    ("Lost", "потерянный", "потерянная", "потерянное", "потерянные"), ("Burning", "горящий", "горящая", "горящее", "горящие"),
    ("Silent", "немой", "немая", "немое", "немые"), ("Iron", "железный", "железная", "железное", "железные"),
    ("Stone", "каменный", "каменная", "каменное", "каменные"), ("Wooden", "деревянный", "деревянная", "деревянное", "деревянные"),
    ("Wild", "дикий", "дикая", "дикое", "дикие"), ("Gentle", "нежный", "нежная", "нежное", "нежные"),
    ("Stormy", "бурный", "бурная", "бурное", "бурные"), ("Endless", "бесконечный", "бесконечная", "бесконечное", "бесконечные"),
    ("Early", "ранний", "ранняя", "раннее", "ранние"), ("Late", "поздний", "поздняя", "позднее", "поздние"),
    ("Frozen", "замёрзший", "замёрзшая", "замёрзшее", "замёрзшие"), ("Simple", "простой", "простая", "простое", "простые"),
    ("Unfinished", "неоконченный", "неоконченная", "неоконченное", "неоконченные"),
    ("Foreign", "чужой", "чужая", "чужое", "чужие"), ("Native", "родной", "родная", "родное", "родные"),
    ("Third", "третий", "третья", "третье", "третьи"), ("Seventh", "седьмой", "седьмая", "седьмое", "седьмые"),
]  # fmt: skip
# Prepositions taking the genitive: (English, Russian)
PREPOSITIONS = [
    ("After the", "После"), ("Without a", "Без"), ("Before the", "До"), ("Far from the", "Вдали от"),
    ("Near the", "Возле"), ("From the", "Из"), ("Around the", "Вокруг"), ("Instead of the", "Вместо"),
]  # fmt: skip
# First names: (Latin, Cyrillic, gender)
FIRST_NAMES = [
    ("Andrei", "Андрей", "m"), ("Aleksandr", "Александр", "m"), ("Mikhail", "Михаил", "m"), ("Sergei", "Сергей", "m"),
    ("Nikolai", "Николай", "m"), ("Vladimir", "Владимир", "m"), ("Dmitri", "Дмитрий", "m"), ("Ivan", "Иван", "m"),
    ("Pavel", "Павел", "m"), ("Boris", "Борис", "m"), ("Yuri", "Юрий", "m"), ("Grigori", "Григорий", "m"),
    ("Leonid", "Леонид", "m"), ("Viktor", "Виктор", "m"), ("Konstantin", "Константин", "m"), ("Oleg", "Олег", "m"),
    ("Vasili", "Василий", "m"), ("Fyodor", "Фёдор", "m"), ("Anatoli", "Анатолий", "m"), ("Gleb", "Глеб", "m"),
    ("Yevgeni", "Евгений", "m"), ("Arkadi", "Аркадий", "m"), ("Stanislav", "Станислав", "m"), ("Roman", "Роман", "m"),
    ("Anna", "Анна", "f"), ("Olga", "Ольга", "f"), ("Tatyana", "Татьяна", "f"), ("Natalya", "Наталья", "f"),
    ("Yelena", "Елена", "f"), ("Irina", "Ирина", "f"), ("Lyudmila", "Людмила", "f"), ("Vera", "Вера", "f"),
    ("Larisa", "Лариса", "f"), ("Marina", "Марина", "f"), ("Svetlana", "Светлана", "f"), ("Galina", "Галина", "f"),
    ("Inna", "Инна", "f"), ("Nina", "Нина", "f"), ("Valentina", "Валентина", "f"), ("Kira", "Кира", "f"),
]  # fmt: skip
# Surnames (masculine form): (Latin, Cyrillic); feminine forms are derived
SURNAMES = [
    ("Ivanov", "Иванов"), ("Petrov", "Петров"), ("Sokolov", "Соколов"), ("Smirnov", "Смирнов"),
    ("Kuznetsov", "Кузнецов"), ("Popov", "Попов"), ("Lebedev", "Лебедев"), ("Kozlov", "Козлов"),
    ("Novikov", "Новиков"), ("Morozov", "Морозов"), ("Volkov", "Волков"), ("Solovyov", "Соловьёв"),
    ("Vasilyev", "Васильев"), ("Zaitsev", "Зайцев"), ("Pavlov", "Павлов"), ("Semyonov", "Семёнов"),
    ("Golubev", "Голубев"), ("Vinogradov", "Виноградов"), ("Bogdanov", "Богданов"), ("Vorobyov", "Воробьёв"),
    ("Fyodorov", "Фёдоров"), ("Mikhailov", "Михайлов"), ("Belyaev", "Беляев"), ("Tarasov", "Тарасов"),
    ("Belov", "Белов"), ("Komarov", "Комаров"), ("Orlov", "Орлов"), ("Kiselyov", "Киселёв"),
    ("Makarov", "Макаров"), ("Andreev", "Андреев"), ("Kovalyov", "Ковалёв"), ("Ilyin", "Ильин"),
    ("Gusev", "Гусев"), ("Titov", "Титов"), ("Kuzmin", "Кузьмин"), ("Kudryavtsev", "Кудрявцев"),
    ("Baranov", "Баранов"), ("Kulikov", "Куликов"), ("Alekseev", "Алексеев"), ("Stepanov", "Степанов"),
    ("Yakovlev", "Яковлев"), ("Sorokin", "Сорокин"), ("Sergeev", "Сергеев"), ("Romanov", "Романов"),
    ("Zakharov", "Захаров"), ("Borisov", "Борисов"), ("Korolyov", "Королёв"), ("Gerasimov", "Герасимов"),
    ("Ponomaryov", "Пономарёв"), ("Grigoryev", "Григорьев"), ("Lazarev", "Лазарев"), ("Medvedev", "Медведев"),
    ("Yershov", "Ершов"), ("Nikitin", "Никитин"), ("Sobolev", "Соболев"), ("Ryabov", "Рябов"),
    ("Polyakov", "Поляков"), ("Tsvetkov", "Цветков"), ("Danilov", "Данилов"), ("Zhukov", "Жуков"),
    ("Frolov", "Фролов"), ("Zhuravlyov", "Журавлёв"), ("Nikolaev", "Николаев"), ("Krylov", "Крылов"),
    ("Maksimov", "Максимов"), ("Sidorov", "Сидоров"), ("Osipov", "Осипов"), ("Belousov", "Белоусов"),
    ("Fedotov", "Федотов"), ("Dorofeev", "Дорофеев"), ("Yegorov", "Егоров"), ("Matveev", "Матвеев"),
    ("Bobrov", "Бобров"), ("Dmitriev", "Дмитриев"), ("Kalinin", "Калинин"), ("Anisimov", "Анисимов"),
    ("Petukhov", "Петухов"), ("Antonov", "Антонов"), ("Timofeev", "Тимофеев"), ("Nikiforov", "Никифоров"),
    ("Veselov", "Веселов"), ("Filippov", "Филиппов"), ("Markov", "Марков"), ("Bolshakov", "Большаков"),
    ("Sukhanov", "Суханов"), ("Mironov", "Миронов"), ("Shiryaev", "Ширяев"), ("Aleksandrov", "Александров"),
    ("Konovalov", "Коновалов"), ("Shestakov", "Шестаков"), ("Kazakov", "Казаков"), ("Yefimov", "Ефимов"),
    ("Denisov", "Денисов"), ("Gromov", "Громов"), ("Fomin", "Фомин"), ("Davydov", "Давыдов"),
    ("Melnikov", "Мельников"), ("Shcherbakov", "Щербаков"), ("Blinov", "Блинов"), ("Kolesnikov", "Колесников"),
    ("Karpov", "Карпов"), ("Afanasyev", "Афанасьев"), ("Vlasov", "Власов"), ("Maslov", "Маслов"),
    ("Isakov", "Исаков"), ("Tikhonov", "Тихонов"), ("Aksyonov", "Аксёнов"), ("Gavrilov", "Гаврилов"),
    ("Rodionov", "Родионов"), ("Kotov", "Котов"), ("Gorbunov", "Горбунов"), ("Kudryashov", "Кудряшов"),
    ("Bykov", "Быков"), ("Zuev", "Зуев"), ("Tretyakov", "Третьяков"), ("Savelyev", "Савельев"),
    ("Panov", "Панов"), ("Rybakov", "Рыбаков"), ("Suvorov", "Суворов"), ("Abramov", "Абрамов"),
    ("Voronov", "Воронов"), ("Mukhin", "Мухин"), ("Arkhipov", "Архипов"), ("Trofimov", "Трофимов"),
    ("Martynov", "Мартынов"), ("Yemelyanov", "Емельянов"), ("Gorshkov", "Горшков"), ("Chernov", "Чернов"),
    ("Ovchinnikov", "Овчинников"), ("Seleznyov", "Селезнёв"), ("Panfilov", "Панфилов"), ("Kopylov", "Копылов"),
    ("Mikheev", "Михеев"), ("Galkin", "Галкин"), ("Nazarov", "Назаров"), ("Lobanov", "Лобанов"),
    ("Lukin", "Лукин"), ("Belyakov", "Беляков"), ("Potapov", "Потапов"), ("Nekrasov", "Некрасов"),
    ("Khokhlov", "Хохлов"), ("Zhdanov", "Жданов"), ("Naumov", "Наумов"), ("Shilov", "Шилов"),
    ("Voronin", "Воронин"), ("Yermakov", "Ермаков"), ("Drozdov", "Дроздов"), ("Ignatyev", "Игнатьев"),
    ("Savin", "Савин"), ("Loginov", "Логинов"), ("Safonov", "Сафонов"), ("Kapustin", "Капустин"),
    ("Kirillov", "Кириллов"), ("Moiseev", "Моисеев"), ("Yeliseev", "Елисеев"), ("Koshelev", "Кошелев"),
    ("Kostin", "Костин"), ("Gorbachyov", "Горбачёв"), ("Orekhov", "Орехов"), ("Yefremov", "Ефремов"),
    ("Isaev", "Исаев"), ("Yevdokimov", "Евдокимов"), ("Kalashnikov", "Калашников"), ("Kabanov", "Кабанов"),
    ("Nosov", "Носов"), ("Yudin", "Юдин"), ("Kulagin", "Кулагин"), ("Lapin", "Лапин"),
    ("Prokhorov", "Прохоров"), ("Nesterov", "Нестеров"), ("Kharitonov", "Харитонов"), ("Agafonov", "Агафонов"),
    ("Muravyov", "Муравьёв"), ("Laptev", "Лаптев"), ("Snegiryov", "Снегирёв"), ("Gladkov", "Гладков"),
    ("Rozhdestvensky", "Рождественский"), ("Voznesensky", "Вознесенский"), ("Pokrovsky", "Покровский"),
    ("Preobrazhensky", "Преображенский"), ("Uspensky", "Успенский"), ("Trubetskoy", "Трубецкой"),
]  # fmt: skip
STUDIOS = [
    "Mosfilm", "Lenfilm", "Gorky Film Studio", "Dovzhenko Film Studio", "Sverdlovsk Film Studio",
    "Belarusfilm", "Georgian Film", "Armenfilm", "Uzbekfilm", "Kazakhfilm", "Odessa Film Studio",
    "Riga Film Studio", "Lithuanian Film Studio", "Tallinnfilm", "Soyuzmultfilm", "Central Studio of Documentary Film",
]  # fmt: skip
PROFESSIONS = [
    "a projectionist", "a schoolteacher", "a young engineer", "a retired sea captain", "a film editor",
    "a village doctor", "a railway worker", "a violinist", "a war widow", "a newspaper photographer",
    "a collective-farm chairman", "a student actress", "a lighthouse keeper", "a geologist", "a tram driver",
]  # fmt: skip
PLACES = [
    "a provincial town on the Volga", "post-war Leningrad", "a fishing village in the north",
    "a construction site in Siberia", "a Moscow communal flat", "a film studio during the war",
    "a collective farm in the steppe", "a small port on the Black Sea", "a touring circus",
    "a mountain village in the Caucasus", "a frontier post", "a theatre in Odessa",
]  # fmt: skip
EVENTS = [
    "a letter arrives that nobody expected", "an old friend returns from the front",
    "a travelling cinema comes to town", "the river floods in spring", "a stranger asks for a room",
    "the factory is ordered to double its output", "a child goes missing during a snowstorm",
    "a film crew arrives to shoot a picture", "a family secret comes to light", "the harvest fails",
]  # fmt: skip
ENDINGS = [
    "The film follows the consequences over one long year.",
    "What follows is told with restraint, humour and long, patient takes.",
    "The story turns on loyalty, memory and the price of telling the truth.",
    "It is a quiet film about ordinary people making hard choices.",
    "The director keeps the camera close to the faces of the non-professional cast.",
]  # fmt: skip
FACTS = [
    "It was shot on location in {place} over {n} weeks.",
    "{actor} was cast after the first choice for the role fell ill.",
    "The score was recorded by the studio orchestra in a single night.",
    "It was shown at a festival in {year2} and won a prize for its camera work.",
    "Censors asked for {n} cuts before it was released in {year}.",
    "{director} later called it the most personal of all the films they made.",
    "Part of the negative was lost and restored from a print in {year2}.",
    "It sold more than {n} million tickets in its first year.",
]  # fmt: skip
CINEMA = {
    "strong": [
        "It is set among people making a film, and cinema is its subject.",
        "Its hero is a projectionist, and the film is about what films do to their audience.",
    ],
    "some": [
        "A travelling cinema and a film crew play a part in the story.",
        "One long sequence takes place at a film shoot.",
    ],
    "none": ["It is not about cinema.", "Cinema plays no part in the story."],
}
NUMBER_WORDS = ["пятьдесят третьего", "сорок первого", "шестьдесят восьмого", "тридцать седьмого"]

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
STOP = {"the", "a", "an", "of", "and", "for", "in", "on", "to", "from"}


def transliterate(text: str) -> str:
    """A simple BGN-style transliteration ("Холодное утро" -> "Kholodnoe utro")."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _TRANSLIT:
            t = _TRANSLIT[low]
            out.append(t.capitalize() if ch != low else t)
        else:
            out.append(ch)
    return "".join(out)


def slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return "-".join(words)


def _adj(a: tuple[str, ...], gender: str) -> str:
    return {"m": a[1], "f": a[2], "n": a[3], "p": a[4]}[gender]


def _title(rng: random.Random) -> tuple[str, str]:
    """(English title, Russian title) from one of several patterns."""
    n = rng.choice(NOUNS)
    a = rng.choice(ADJECTIVES)
    kind = rng.randrange(8)
    if kind == 0:  # The Cold Morning
        return f"The {a[0]} {n[0]}", f"{_adj(a, n[2])} {n[1]}".capitalize()
    if kind == 1:  # The Cold Morning of 1953
        year = rng.randrange(1905, 1990)
        return f"The {a[0]} {n[0]} of {year}", f"{_adj(a, n[2])} {n[1]} {year} года".capitalize()
    if kind == 2:  # A Song for the River
        m = rng.choice(NOUNS)
        return f"A {n[0]} for the {m[0]}", f"{n[1]} для {m[3]}".capitalize()
    if kind == 3:  # The Song of the Cold River
        m = rng.choice(NOUNS)
        return f"The {n[0]} of the {a[0]} {m[0]}", f"{n[1]} {_gen_adj(a, m[2])} {m[3]}".capitalize()
    if kind == 4:  # The River and the Star
        m = rng.choice(NOUNS)
        return f"The {n[0]} and the {m[0]}", f"{n[1]} и {m[1]}".capitalize()
    if kind == 5:  # After the Cold Rain
        p = rng.choice(PREPOSITIONS)
        return f"{p[0]} {a[0]} {n[0]}", f"{p[1]} {_gen_adj(a, n[2])} {n[3]}"
    if kind == 6:  # The Morning of the Sister
        m = rng.choice(NOUNS)
        return f"The {n[0]} of the {m[0]}", f"{n[1]} {m[3]}".capitalize()
    b = rng.choice(ADJECTIVES)  # The Cold and Quiet Morning
    return f"The {a[0]} and {b[0]} {n[0]}", f"{_adj(a, n[2])} и {_adj(b, n[2])} {n[1]}".capitalize()


def _gen_adj(a: tuple[str, ...], gender: str) -> str:
    """An adjective in the genitive, from its nominative forms."""
    word = {"m": a[1], "n": a[1], "f": a[2], "p": a[4]}[gender]
    if word.startswith("трет"):
        return "третьей" if gender == "f" else "третьих" if gender == "p" else "третьего"
    if gender == "f":
        unstressed = word.endswith("яя") or word.endswith(("шая", "щая"))
        return word[:-2] + ("ей" if unstressed else "ой")
    if gender == "p":
        return word[:-1] + "х"
    if word.endswith(("ой", "ый")):
        return word[:-2] + "ого"
    return word[:-2] + ("ого" if word[-3] in "гкх" else "его")


def _person(rng: random.Random) -> tuple[str, str]:
    first, first_ru, gender = rng.choice(FIRST_NAMES)
    last, last_ru = rng.choice(SURNAMES)
    if gender == "f":
        if last.endswith("sky"):
            last, last_ru = last[:-1] + "aya", last_ru[:-2] + "ая"
        elif last.endswith("oy"):
            last, last_ru = last[:-2] + "aya", last_ru[:-2] + "ая"
        else:
            last, last_ru = last + "a", last_ru + "а"
    return f"{first} {last}", f"{first_ru} {last_ru}"


def _film(rng: random.Random, title: str, title_ru: str, film_id: str) -> dict[str, Any]:
    year = rng.randrange(1924, 1992)
    directors = [_person(rng) for _ in range(1 if rng.random() < 0.9 else 2)]
    cast = []
    while len(cast) < rng.randrange(2, 5):
        name = _person(rng)[0]
        if name not in cast:
            cast.append(name)
    place, event = rng.choice(PLACES), rng.choice(EVENTS)
    who = rng.choice(PROFESSIONS)
    description = (
        f"In {place}, {who} played by {cast[0]} finds that {event}. "
        f"{cast[1]} plays the one person who understands what is at stake. "
        f"{rng.choice(ENDINGS)}"
    )
    while len(description) < 280:
        extra = rng.choice(ENDINGS)
        if extra in description:
            extra = f"It was {directors[0][0]}'s {rng.choice(['first', 'second', 'third', 'last'])} film."
            if extra in description:
                break
        description += " " + extra
    values = {
        "place": place,
        "n": rng.randrange(2, 20),
        "actor": cast[0],
        "director": directors[0][0],
        "year": year,
        "year2": min(year + rng.randrange(1, 30), 1995),
    }
    facts = [f.format(**values) for f in rng.sample(FACTS, 2)]
    relation = rng.choices(("strong", "some", "none"), weights=(1, 2, 7))[0]
    aliases = [transliterate(title_ru)]
    if title.startswith("The "):
        aliases.append(title[4:])
    return {
        "id": film_id,
        "title": title,
        "original_title": title_ru,
        "year": year,
        "directors": [{"name": d[0], "name_ru": d[1]} for d in directors],
        "cast": cast,
        "studio": rng.choice(STUDIOS),
        "aliases": aliases,
        "description": description,
        "facts": facts,
        "cinema": {"relation": relation, "note": rng.choice(CINEMA[relation])},
        "sources": {},
    }


def generate(n: int, seed: int = 0) -> dict[str, Any]:
    """A catalogue of `n` films as a dict ready for YAML; the same n and seed give the same films."""
    rng = random.Random(seed)
    films = []
    titles: set[str] = set()
    ids: set[str] = set()
    for _ in range(n):
        for _attempt in range(50):  # prefer a title not used yet
            title, title_ru = _title(rng)
            if title not in titles:
                break
        titles.add(title)
        base = slug(title)[:44].rstrip("-")
        film_id, k = base, 2
        while film_id in ids:
            film_id, k = f"{base}-{k}", k + 1
        ids.add(film_id)
        films.append(_film(rng, title, title_ru, film_id))
    return {"films": films}


def _q(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar (same escapes), and quick to make.
    return json.dumps(text, ensure_ascii=False)


def dump(catalog: dict[str, Any]) -> str:
    """The catalogue as YAML text, emitted directly.

    yaml.dump, even with libyaml's CSafeDumper, takes about a minute for
    100,000 films; this writes the same data (every string double-quoted)
    in a few seconds. `dump_pyyaml` is kept for comparison.
    """
    out = ["films:\n"]
    add = out.append
    for f in catalog["films"]:
        add(f"- id: {_q(f['id'])}\n  title: {_q(f['title'])}\n  original_title: {_q(f['original_title'])}\n")
        add(f"  year: {int(f['year'])}\n")
        if f.get("made") is not None:
            add(f"  made: {int(f['made'])}\n")
        add("  directors:\n")
        for d in f["directors"]:
            add(f"  - name: {_q(d['name'])}\n")
            if d.get("name_ru"):
                add(f"    name_ru: {_q(d['name_ru'])}\n")
        add("  cast:" + "".join(f"\n  - {_q(c)}" for c in f["cast"]) + ("\n" if f["cast"] else " []\n"))
        add(f"  studio: {_q(f['studio'])}\n")
        if f.get("aliases"):
            add("  aliases:" + "".join(f"\n  - {_q(a)}" for a in f["aliases"]) + "\n")
        add(f"  description: {_q(f['description'])}\n")
        add("  facts:" + "".join(f"\n  - {_q(x)}" for x in f["facts"]) + "\n")
        cinema = f["cinema"]
        add(f"  cinema:\n    relation: {_q(cinema['relation'])}\n    note: {_q(cinema['note'])}\n")
        add("  sources: {}\n")
    return "".join(out)


def dump_pyyaml(catalog: dict[str, Any]) -> str:
    """The same catalogue through PyYAML (libyaml's CSafeDumper where available): slower."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(catalog, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def write(n: int, path: str | Path, seed: int = 0) -> Path:
    """Generate `n` films and write them to `path` (directories created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(generate(n, seed)), encoding="utf-8")
    return path


# --- queries ------------------------------------------------------------------------------
KINDS = ("exact", "typo", "partial", "director", "cyrillic", "nonsense")


def _get(film: Any, name: str) -> Any:
    return film[name] if isinstance(film, dict) else getattr(film, name)


def _director_surname(film: Any) -> str:
    d = _get(film, "directors")[0]
    name = d["name"] if isinstance(d, dict) else d.name
    return str(name.split()[-1])


def typo(text: str, rng: random.Random, count: int) -> str:
    """`text` with `count` typos (swap, drop, double or replace a letter) in words of 5+ letters."""
    words = text.split()
    for _ in range(count):
        long = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 5]
        if not long:
            break
        i = rng.choice(long)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        op = rng.randrange(4)
        if op == 0:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif op == 1:
            w = w[:j] + w[j + 1 :]
        elif op == 2:
            w = w[:j] + w[j] + w[j:]
        else:
            w = w[:j] + rng.choice(string.ascii_lowercase) + w[j + 1 :]
        words[i] = w
    return " ".join(words)


def _nonsense(rng: random.Random) -> str:
    consonants, vowels = "bcdfghjklmnprstvzqx", "aeiouy"
    words = []
    for _ in range(rng.randrange(1, 4)):
        length = rng.randrange(2, 5)
        words.append("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length)) + "x")
    return " ".join(words)


def queries(catalog_films: Any, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """`n` (query, kind) pairs, about equal shares of each kind in KINDS.

    `catalog_films` is a list of generated film dicts or of `bot.catalog.Film`s.
    """
    rng = random.Random(seed)
    films = list(catalog_films)
    long_titles = [
        f for f in films if len([w for w in _get(f, "title").split() if w.lower() not in STOP]) >= 3
    ]
    out: list[tuple[str, str]] = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        film = rng.choice(films)
        title = _get(film, "title")
        if kind == "exact":
            q = title
        elif kind == "typo":
            for _ in range(20):  # a title with a word long enough to misspell
                if any(sum(c.isalpha() for c in w) >= 5 for w in title.split()):
                    break
                film = rng.choice(films)
                title = _get(film, "title")
            q = typo(title, rng, rng.randrange(1, 3))
        elif kind == "partial":
            source = rng.choice(long_titles or films)
            words = [w for w in _get(source, "title").split() if w.lower() not in STOP]
            j = rng.randrange(max(1, len(words) - 1))
            q = " ".join(words[j : j + 2])
        elif kind == "director":
            q = _director_surname(film)
        elif kind == "cyrillic":
            q = _get(film, "original_title")
        else:
            q = _nonsense(rng)
        out.append((q, kind))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic film catalogue for the benchmarks.")
    parser.add_argument("n", type=int, help="how many films")
    parser.add_argument("out", help="the YAML file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    t0 = time.perf_counter()
    catalog = generate(args.n, args.seed)
    t1 = time.perf_counter()
    text = dump(catalog)
    t2 = time.perf_counter()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(
        f"{out}: {args.n} films, {len(text.encode()) / 1e6:.1f} MB "
        f"(generate {t1 - t0:.2f} s, YAML dump {t2 - t1:.2f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
