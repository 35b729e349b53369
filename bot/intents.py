"""What a message asks, in English or Russian, and the words that name its subject.

`parse` looks only at the wording ("who directed X", "кто снял X", "/fact X",
"films of 1982"); finding which film X is belongs to search.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .text import clean

INTENTS = (
    "film", "director", "year", "fact", "about", "cast", "filmography",
    "by_year", "list", "random", "today", "help", "clarify", "not_found",
)  # fmt: skip


@dataclass(frozen=True)
class Parsed:
    """The intent a message's wording asks for and its subject text (may be empty)."""

    intent: str
    subject: str = ""
    year: int | None = None
    cinema_only: bool = False  # "which films are about cinema?"
    film_id: str | None = None  # a deep link: /start <film-id>
    decade: bool = False  # by_year: the ten years from `year` ("films from the 1980s")
    worded: bool = True  # False: no wording fitted, so the whole text is the subject


_COMMANDS = {
    "film": "film", "fact": "fact", "random": "random", "today": "today", "films": "list",
    "list": "list", "help": "help", "start": "help", "cast": "cast", "director": "director",
    "year": "year", "about": "about",
}  # fmt: skip
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)
_YEAR = r"(1[89]\d\d|20\d\d)"

# Patterns are matched against clean() text: lowercase, no punctuation, е for ё.
# "the film X"; not the first word of "film film film", which is a title (Film, Film, Film)
_FILM = r"(?:(?:the )?(?:film|movie|picture|cartoon|фильм[аеу]?|кинофильм[аеу]?|мультфильм[аеу]?|картин[аыеу])(?! (?:film|фильм)\b) )?"


def _p(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _each(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_HELP = _p(
    r"^(?:hi|hello|hey|hiya|howdy|greetings|yo|start|menu|help|help me|info)(?: there)?(?: bot)?$",
    r"^(?:good (?:morning|afternoon|evening))$",
    r"^what (?:can|do) (?:you|u) (?:do|know)$|^how (?:do|does) (?:this|it|you) work$|^commands$",
    r"^(?:привет|приветствую|здравствуй|здравствуйте|добрый (?:день|вечер)|доброе утро|хай|хелп|помощь|помоги|старт|меню)(?: бот)?(?: как дела)?$",
    r"^(?:как дела|как ты|how are you|how r u|whats up|what r u|what are u)$",
    r"^(?:what commands are there|instructions|what is this bot|what is this|"
    r"команды|помогите|privet|что умеет (?:этот )?бот|как работает (?:этот )?бот|(?:привет )?что умеешь)$",
    r"^как (?:тут |здесь )?(?:искать|найти|спросить)(?: фильм)?$|^what (?:do|can|should) i (?:type|write|ask|say)(?: here| you)?$",
    r"^(?:что ты|ты что) (?:умеешь|знаешь|можешь)$|^как (?:это|ты) работа(?:ет|ешь)$",
    r"^как (?:тобой |этим )?пользоваться(?: (?:ботом|тобой|этим ботом))?$|^how (?:do i|can i|to) use (?:this|you|it|the bot|this bot)$",
    r"^(?:thanks|thank you|thx|ty|cheers|спасибо|благодарю)(?: (?:a lot|very much|bot|большое))?$",
    r"^(?:ok|okay|cool|nice|great|lol|good|got it|ок|окей|хорошо|понятно|ясно|круто)$",
    r"^(?:who|what) are you$|^who you are$|^are you a bot$|^what languages? do you (?:speak|understand)$|^кто ты$|^ты бот$",
)
_TODAY = _p(
    r"^(?:today|todays (?:film|movie|pick)|(?:the )?(?:film|movie|pick) (?:of the day|for today|of today))",
    r"^(?:what is|whats) (?:the )?(?:film|movie) of the day",
    r"^(?:фильм дня|сегодня|фильм на сегодня|сегодняшний фильм)",
    r"^что (?:сегодня )?смотрим(?: сегодня)?$",
    r"^fil.?m dn[yj]?a(?: pozh?aluy?sta)?$",
    r"^(?:какой|что за) (?:фильм|кино) (?:сегодня|дня)$|^(?:whats|what is) (?:the )?(?:film|movie) (?:for )?today$",
    r"^(?:which|what) (?:film|movie)(?: is)? (?:for |featured )?today$|^(?:whats|what is) on today$",
    r"^(?:the )?daily (?:film|movie|pick)$|^(?:whats|what is) (?:the )?daily (?:film|movie|pick)$|^кино дня$|^что сегодня смотрим$",
    r"\bфильм дня\b|\b(?:film|movie) of the day\b|\btodays? (?:film|movie|pick)\b",
)
_RANDOM = _p(
    r"^(?:random|surprise me|recommend|suggest|any|pick)(?: (?:me|us))?(?: (?:a|an|any|some|one))?(?: (?:random|good))?(?: (?:film|movie|one))?(?: for (?:me|us|tonight))?$",
    r"^(?:(?:recommend|suggest|give me|show me|pick)(?: me| us)? )?(?:something|smth|sth|anything)(?: (?:to watch|good|random))?$",
    r"^(?:give me|show me) (?:a )?(?:random|any) (?:film|movie)",
    r"^what (?:should|can|could) (?:i|we) (?:watch|see)",
    r"^(?:случайн\w*|рандом\w*|посоветуй\w*|порекомендуй\w*|что посмотреть|что бы посмотреть|любой фильм)",
    r"^(?:что|какой фильм|какое кино|что бы) (?:по)?(?:смотреть|глянуть)(?: (?:сегодня|вечером|сегодня вечером|на вечер))?$",
    r"^(?:sluchain\w* fil.?m|posovetuy\w*|chto (?:by )?posmotret)",
)
# Wordings of "a random film" that may have more words around them.
_RANDOM_ANYWHERE = _p(
    r"\b(?:случайн|рандомн)\w* (?:фильм|кино|картин)\w*|^(?:дай|покажи|хочу) (?:мне )?(?:какой нибудь |любой )?(?:случайн\w* )?фильм$",
    r"\bчто (?:бы )?(?:сегодня |мне |нам )?(?:по)?смотреть\b",
    r"\brandom (?:(?:soviet|russian|old|good|classic) )?(?:film|movie|pick|one)\b|^(?:recommend|suggest) (?:me |us )?(?:something|anything)\b",
    r"\b(?:something|anything) random\b",
    r"\b(?:im|i am) bored\b|\bмне скучно\b|\b(?:im|i am) feeling lucky\b",
    r"^(?:i need|i want|find me|get me) (?:a |an |some )?(?:good )?(?:film|movie)(?: (?:for|to watch)(?: tonight| today)?)?$",
    r"^(?:suggest|recommend|surprise me with) (?:me )?(?:a |an |some )?(?:good |soviet |old |classic )*(?:film|movie|classic|one)s?$",
    r"^(?:got|have you got|do you have) (?:any |a )?(?:recommendations?|suggestions?)(?: for me)?$",
    r"^(?:выбери|подбери|предложи) (?:мне )?(?:фильм|кино|что нибудь)(?: (?:за меня|мне|на вечер))?$|^posovetuy\w*(?: chto nibud\w*)?$",
    r"^(?:a|an|some|any) (?:(?:random|good) (?:film|movie)|(?:random |good )?(?:film|movie) to (?:watch|see))$",
    r"^i (?:want|would like|d like) (?:to (?:see|watch) )?(?:a |an |some )?(?:random |good )?(?:film|movie)s?$",
    r"^(?:я )?(?:хочу|хотел бы|хотела бы) (?:посмотреть|увидеть) (?:какой нибудь |любой |хороший |интересный )?(?:фильм|кино|что нибудь|что то)$",
    r"^(?:give|show|find|get) (?:me|us) (?:a|an|some|any) (?:random |good )?(?:film|movie)(?: to (?:watch|see))?$",
)
_CINEMA_LIST = _p(
    r"\b(?:about|on) (?:the )?(?:cinema|film ?making|movie ?making|films|movies|making (?:films|movies)|the film industry|directors|actors)\b",
    r"\b(?:о|про) (?:кино|съемк\w*|кинематограф\w*|фильмах|режиссер\w*)\b",
    r"^(?:films|movies) (?:about|on) (?:making )?(?:films|movies)$",
)
_LIST = _p(
    r"^(?:list|show|which|what|all|every)\b.*\b(?:films|movies)\b",
    r"^every (?:film|movie)\b|^(?:films|movies|фильмы|кино) (?:about|on|о|про) ",
    r"^(?:the )?(?:catalogue|catalog|list|all|everything|films|movies)$",
    r"^(?:what|which) (?:films|movies) (?:do )?you (?:have|know)",
    r"^how many (?:films|movies)|^сколько (?:у тебя )?фильмов",
    r"^(?:(?:весь|полный) )?(?:список|каталог)\b|^(?:все фильмы|какие фильмы|фильмы)\b",
    r"^что (?:у (?:тебя|вас) )?есть в (?:каталоге|списке)$|^(?:what is|whats) in (?:the|your) (?:catalogue|catalog|list)$",
    r"^(?:скинь|покажи|дай|пришли|перечисли)(?: мне)? (?:весь |полный )?(?:список|каталог|все фильмы)\b|^full list$",
    r"^(?:the )?(?:full|whole|complete|entire) (?:list|catalog|catalogue)\b|^(?:whats|what is) in (?:your|the) (?:catalog|catalogue|list)",
    r"^(?:про )?какие фильмы (?:ты )?(?:знаешь|есть)|^spisok(?: fil.?mov)?$|^which ones\b|^list (?:your|all|every|the)\b",
)
_BY_YEAR = _p(
    rf"^(?:(?:list |show )?(?:all )?(?:films|movies|фильмы)\s+)?(?:of|from|in|released in|made in|за|из)?\s*{_YEAR}(?: годa?| год| года| г)?$",
    rf"^(?:what|which)(?: films| movies| film| movie)? (?:came out|come out|was released|were released|was made|were made|premiered|are from|is from) in {_YEAR}$",
    rf"^(?:что|какие фильмы) (?:вышл[оиа]|снял[иа]?) в {_YEAR}(?: году)?$",
    rf"^{_YEAR}(?: год| года| году)?$",
)
# (intent, pattern with a named group "s" for the subject)
_ABOUT_SUBJECT: list[tuple[str, tuple[re.Pattern[str], ...]]] = [
    (
        "director",
        _each(
            rf"^(?:who|whos|who is|who was) (?:the )?(?:director|filmmaker|maker) (?:of|for|on|in) {_FILM}(?P<s>.+)$",
            rf"^(?:who|whod) (?:directed|made|shot|filmed|created|animated) {_FILM}(?P<s>.+)$",
            rf"^(?:which|what) (?:director|filmmaker|animator) (?:directed|made|shot|filmed|did) {_FILM}(?P<s>.+)$",
            rf"^(?:who|whos|who is|who was) (?:the )?(?:filmmaker|director|person|one)? ?(?:behind(?! the camera)|responsible for) {_FILM}(?P<s>.+)$",
            rf"^(?:director|directors|directed by) (?:of )?{_FILM}(?P<s>.+)$",
            r"^(?P<s>.+?) (?:(?:was |is )?directed by|director|directors)$",
            r"^(?P<s>.+?) who (?:directed|made|shot)(?: it)?$",
            rf"^whose (?:film|movie|picture) is {_FILM}(?P<s>.+)$",
            rf"^(?:who|whos|who is|who was) behind (?:the camera (?:on|of|for|in) )?{_FILM}(?P<s>.+)$",
            r"^(?:кто (?:снял|снимал|сняла|снимала|режиссер|режиссёр|поставил|сделал|нарисовал)|режиссер|режиссёр) (?:фильма |картины |фильм |картину |мультфильма? )?(?P<s>.+)$",
            r"^(?:чей|чья|чье) (?:это )?(?:фильм |картина |кино )?(?P<s>.+)$",
            # the same questions typed in Latin letters ("kto snyal zerkalo")
            r"^(?:kto (?:sn[iyj]?al[ia]?|snimal[ia]?|re[zj]h?iss?[eyo]r|postavil)|re[zj]h?iss?[eyo]r) (?:filma |film )?(?P<s>.+)$",
            r"^(?:фильм |картина )?(?P<s>.+?) режиссер$",
        ),
    ),
    (
        "year",
        _each(
            # "when did Tarkovsky make Mirror": the maker is not part of the title
            rf"^(?:when|what year|which year|in what year) did (?:\w+ ){{1,3}}?(?:make|shoot|direct|release) {_FILM}(?P<s>.+)$",
            rf"^(?:when|what year|which year|in what year|in which year) (?:did|was|is|were) {_FILM}(?P<s>.+?)(?: (?:come out|released|made|filmed|shot|premiered?|out|from|come|aired|shown))?$",
            rf"^(?:when|what year|which year)(?: is| was)? {_FILM}(?P<s>.+?)(?: (?:came out|come out|was released|released|was made|made|premiered|from))?$",
            rf"^(?:(?:what|which) is )?(?:the )?(?:release (?:date|year)|(?:year|date) of release|year) (?:(?:of|for) )?{_FILM}(?P<s>.+)$",
            r"^(?P<s>.+?) (?:release (?:date|year)|year|when|what year|which year)$",
            r"^(?P<s>.+?) (?:это )?(?:какого года|какой год|год выпуска|год выхода|дата выхода|год|когда вышел|когда вышла|когда вышло|когда вышли|когда|в каком году)$",
            rf"^how old is {_FILM}(?P<s>.+)$",
            rf"^(?:is|was) {_FILM}(?P<s>.+?) (?:from|made in|released in|shot in|out in) (?:the )?(?:\d\d(?:\d\d)?s?|[a-z]+ies)$",
            r"^(?:сколько лет|kakoy god(?: u)?|kakogo goda) (?:фильму |мультфильму |filmu )?(?P<s>.+)$",
            r"^(?:kogda (?:v[yi]sh(?:el|la|lo|li)|sn[iyj]?ali|snimali)|v kakom godu(?: v[yi]sh(?:el|la|lo)| sn[iyj]?ali)?|god v[yi](?:kh|h)oda) (?:filma |film )?(?P<s>.+)$",
            r"^(?:когда (?:вышел|вышла|вышло|вышли|сняли|снимали|снят|снято|снята|был снят|показали)|в каком году (?:вышел|вышла|вышло|вышли|сняли|снимали|снят|снято|снята|был снят|была снята|был|была|было)?|какого года|какой год(?: у)?|(?:год|дата)(?: (?:выхода|выпуска))?) ?(?:фильма |фильм |мультфильма? )?(?P<s>.+)$",
        ),
    ),
    (
        "fact",
        _each(
            r"^(?:(?:a|an|any|one|another|one more|some|give me a|tell me a) )?(?:fun |interesting |random |cool )?(?:fact|trivia)(?P<s>)$",
            r"^(?:(?:расскажи|расскажите|дай|дайте|назови) (?:мне )?)?(?:(?:еще|другой|случайный|какой нибудь|один) )?(?:интересн\w+ |любопытн\w+ )?(?:факт|что нибудь интересное)(?P<s>)$",
            r"^(?:tell me )?something (?:interesting|fun|cool)(?P<s>)$",
            rf"^(?:tell me )?something (?:i (?:dont|do not|didnt) know|(?:i|people) might not know|new|surprising) (?:about|on) {_FILM}(?P<s>.+)$",
            rf"^(?:(?:a|an|any|one|another|some|random|give me a|tell me a) )?(?:fun |interesting |random |cool )?(?:fact|facts|trivia) (?:(?:about|on|for|from) )?{_FILM}(?P<s>.+)$",
            rf"^(?:tell me )?(?:something )?(?:interesting|fun) (?:about|on) {_FILM}(?P<s>.+)$",
            rf"^(?:tell me )?(?:something|smth|sth|anything) (?:interesting|fun|cool) (?:about|on) {_FILM}(?P<s>.+)$",
            r"^(?:(?:расскажи|расскажите|дай|дайте|назови|есть) (?:мне )?)?(?:(?:еще |какой нибудь |один )?(?:интересн\w+ |любопытн\w+ |забавн\w+ )?факт\w*|что (?:интересного )?известно|что интересного|что нибудь интересное|что то интересное) (?:(?:о|об|про|из|в) )?(?:фильме |фильма |фильм |мультфильм[аеу]? )?(?P<s>.+)$",
            r"^(?P<s>.+?) (?:(?:fun |cool |interesting )?(?:fact|facts)|trivia|факт|факты)$",
            # awards are among a film's facts: "did X win any awards", "какие награды у X"
            rf"^(?:did|has|have) {_FILM}(?P<s>.+?) (?:win|won|get|got|receive|received)(?: any)? (?:awards?|prizes?|anything)(?: (?:at|in) \w+)?$",
            r"^(?P<s>.+?) (?:awards|prizes|награды|премии)$",
            rf"^(?:what|which) (?:awards?|prizes?) (?:did|has) {_FILM}(?P<s>.+?) (?:win|won|get|got|receive|received)$",
            r"^(?:какие|какую) (?:награды|премии|призы|награду|премию) (?:получил[аио]?|получили|взял[аио]?|у) (?:фильм[аеу]? )?(?P<s>.+)$",
            r"^(?:interesn[yi][yij]? )?fakt[yi]? (?:o|ob|pro) (?:filme )?(?P<s>.+)$",
        ),
    ),
    (
        "about",
        _each(
            rf"^(?:what is|whats|what was|what are) {_FILM}(?P<s>.+?) about$",
            rf"^what {_FILM}(?P<s>.+?) (?:is|was) about$",  # "(tell me) what Mirror is about"
            rf"^(?:what happens in|plot of|the plot of|story of|synopsis of|summary of|what is the plot of|whats the plot of|what is the story of) {_FILM}(?P<s>.+)$",
            r"^(?P<s>.+?) (?:plot|synopsis|summary|story)$",
            rf"^(?:plot|synopsis|summary|story)(?: of)? {_FILM}(?P<s>.+)$",
            rf"^(?:describe|summarize|summarise|sum up|outline) {_FILM}(?P<s>.+)$",
            rf"^(?:a )?(?:short |brief |quick )?(?:description|summary|synopsis|overview) (?:of |for )?{_FILM}(?P<s>.+)$",
            r"^(?:(?:расскажи|расскажите|коротко|вкратце|кратко) )*(?:о ч[её]м|про что|сюжет|содержание|описание) (?:фильм[аеу]? |мультфильм[аеу]? )?(?P<s>.+)$",
            r"^(?:o ch[eyo]{1,2}m|pro chto|s[yj]u[zj]h?et) (?:filma |film )?(?P<s>.+)$",
        ),
    ),
    (
        "cast",
        _each(
            rf"^(?:who|whos) (?:plays|played|is playing|portrays|portrayed|voices|voiced) (?:\w+ ){{1,3}}?in {_FILM}(?P<s>.+)$",
            rf"^(?:who|whos) (?:acts|acted|stars|starred|plays|played|is|was|are|were|appears|appeared) (?:in the cast of|in) {_FILM}(?P<s>.+)$",
            rf"^(?:(?:the )?(?:actors|actresses|cast|stars|cast list) (?:in|of|from)) {_FILM}(?P<s>.+)$",
            r"^(?P<s>.+?) (?:cast|actors)$",
            rf"^(?:who|what) (?:are|were) (?:the )?(?:actors|actresses|cast|stars)(?: (?:in|of|from))? {_FILM}(?P<s>.+)$",
            rf"^(?:whos|who is|who was) (?:starring |playing |acting )?in {_FILM}(?P<s>.+)$",
            rf"^(?:who|whos|who is|who was) (?:the )?(?:leading lady|leading man|lead actor|lead actress|lead|star|main actor|main actress)(?: of| in)? {_FILM}(?P<s>.+)$",
            r"^какие (?:актеры|актрисы) (?:играют|играли|снимались|снялись) в (?:фильме )?(?P<s>.+)$",
            rf"^(?:cast|actors|actresses|stars)(?: of| in| from)? {_FILM}(?P<s>.+)$",
            rf"^(?:main |lead |leading )(?:actors?|actresses|stars|roles?)(?: of| in| from)? {_FILM}(?P<s>.+)$",
            rf"^who (?:played|plays|stars|starred|was|is) (?:in )?(?:the )?(?:main role|main roles|main part|lead|leading role|title role|star) (?:in|of) {_FILM}(?P<s>.+)$",
            r"^кто (?:в главн\w+ рол\w+|играет главную роль|сыграл главную роль|играл главную роль)(?: в)? (?:фильме )?(?P<s>.+)$",
            r"^(?:главн\w+ (?:актер\w*|роли|героин\w*|геро\w*)) (?:фильм[аеу]? )?(?P<s>.+)$",
            r"^(?:в ролях|кто (?:играет|играл|играли|снимался|снимались) в|актеры|актёры|актерский состав|состав) (?:фильм[аеу]? )?(?P<s>.+)$",
            r"^(?:v rol[iy]?a?(?:kh|h)|kto (?:igraet|igral|snimalsya) v|ak?t[eyo]{1,2}r[yi]) (?:filma |film )?(?P<s>.+)$",
        ),
    ),
    (
        "filmography",
        _each(
            r"^(?:films|movies|work|works|filmography|pictures|cartoons)(?: directed)? (?:by|of|with|w|starring|featuring) (?P<s>.+)$",
            r"^(?:what|which) (?:films|movies) (?:did|has|have) (?P<s>.+?) (?:direct|directed|make|made|shoot|star in|act in|appear in)$",
            r"^(?:what|which) (?:films|movies) (?:are|were) (?:by|with) (?P<s>.+)$",
            r"^(?:films|movies) (?P<s>.+?) (?:directed|made|shot|starred in|was in|acted in|appeared in)$",
            r"^(?P<s>.+?) (?:films|movies|filmography|cartoons|documentaries|фильмы|фильмография|картины|мультфильмы|мультики|документальные фильмы)$",
            r"^(?:who is|who was|whos|tell me about the (?:director|actor|actress)|кто такой|кто такая|кто это) (?P<s>.+)$",
            r"^(?:фильмы|фильмография|картины|работы|мультфильмы|мультики) (?:режисс[её]ра |актера |актрисы )?(?P<s>.+)$",
            r"^(?:что|какие фильмы|какие еще фильмы)(?: еще)? (?:снял|сняла|снимал|снимала) (?P<s>.+)$",
            r"^fil.?my (?P<s>.+)$",
            r"^chto (?:sn[iyj]?al|snimal)a? (?P<s>.+)$",
        ),
    ),
    (
        "film",
        _each(
            rf"^(?:tell me about|tell me more about|info|info on|info about|information about|information on|details (?:of|on|about)|show me|what do you know about|look up|find|search|search for) {_FILM}(?P<s>.+)$",
            rf"^(?:расскажи|расскажите) (?:мне )?(?:о|об|про) {_FILM}(?P<s>.+)$",
            r"^(?:найди|найти|покажи|поиск) (?:фильм )?(?P<s>.+)$",
            rf"^i (?:want|would like|d like) to (?:watch|see) {_FILM}(?P<s>.+)$",
            rf"^(?:what about|how about|(?:im |i am )?looking for|(?:do )?(?:u|you) (?:know|have)) {_FILM}(?P<s>.+)$",
            r"^(?:(?:а )?что насчет|ищу|слышал[аи]? (?:про|о|об)|(?:давно )?хотел[аи]? (?:по|пере)смотреть|хочу пересмотреть|хочу узнать (?:про|о|об)|что скажешь (?:про|о|об)|(?:есть )?что (?:нибудь|то) (?:про|о|об)) (?:фильм[аеу]? )?(?P<s>.+)$",
            r"^(?P<s>.+?) (?:это )?(?:что за фильм|что это за фильм|what is it|what is that)$",
            r"^(?:я )?(?:хочу|хотел бы|хотела бы) (?:посмотреть|увидеть|пересмотреть) (?:фильм )?(?P<s>.+)$",
            r"^(?:что (?:это )?за (?:фильм|кино|картина)|что такое) (?P<s>.+)$",
        ),
    ),
]


def parse(message: str) -> Parsed:
    """The intent of one message and the text that names its subject."""
    stripped = message.strip()
    command = _COMMAND.match(stripped)
    if command:
        name, argument = command.group(1).lower(), (command.group(2) or "").strip()
        intent = _COMMANDS.get(name)
        if name == "start" and re.fullmatch(r"[A-Za-z0-9-]{1,64}", argument):
            return Parsed("film", film_id=argument.lower())  # a deep link from t.me/<bot>?start=<film-id>
        if intent is None:
            return Parsed("help", subject=stripped)
        if intent in ("help", "random", "today"):
            return Parsed(intent)
        if intent == "list":
            return Parsed("list", cinema_only=bool(_CINEMA_LIST.search(clean(argument))))
        if not argument:
            return Parsed(intent)  # the caller asks which film
        return _with_subject(intent, argument) if intent != "film" else parse_free(argument, default="film")
    return parse_free(stripped)


def parse_free(text: str, default: str = "film") -> Parsed:
    """Parse free text (not a command)."""
    words = clean(text)
    if not words or _HELP.search(words):
        return Parsed("help")
    while (unwrapped := _POLITE.sub("", words).strip()) != words:  # "hey, do you know X please"
        words = unwrapped
    words = _PARTICLE.sub(r"\1", words)  # "кто же снял X" asks "кто снял X"
    words = _SPELLED_YEAR.sub(_year_in_digits, words)  # "nineteen seventy five" is 1975
    if not words or _HELP.search(words):
        return Parsed("help")
    if _TODAY.search(words):
        return Parsed("today")
    if _RANDOM.fullmatch(words) or _RANDOM_QUESTION.search(words) or _RANDOM_ANYWHERE.search(words):
        return Parsed("random")
    year = _BY_YEAR.fullmatch(words)
    if year:
        return Parsed("by_year", year=int(next(g for g in year.groups() if g)))
    year_only = _year_question(words)
    if year_only:
        return Parsed("by_year", year=year_only)
    decade = _decade_question(words)
    if decade:
        return Parsed("by_year", year=decade, decade=True)
    person = _person_question(words)
    if person:
        return _with_subject("filmography", person)
    if _LIST.search(words) and not _subject_after_list(words):
        return Parsed("list", cinema_only=bool(_CINEMA_LIST.search(words)))
    for intent, patterns in _ABOUT_SUBJECT:
        for pattern in patterns:
            found = pattern.fullmatch(words)
            if found and (found.group("s").strip() or intent == "fact"):
                return _with_subject(intent, found.group("s"))
    after = _question_after_title(words)
    if after is not None:
        return after
    # no wording fits: the text names the film ("the film Mirror"), or asks in a way the bot
    # does not know, which the caller may still read by its cue words
    bare = _BARE.fullmatch(words)
    return Parsed(default, subject=clean(bare.group("s") if bare else words), worded=False)


# The intents that ask about a subject (a film, or a person's films).
SUBJECT_INTENTS = frozenset({"film", "director", "year", "fact", "about", "cast", "filmography"})
# What a question says instead of a title when it replies to a film's card.
PRONOUNS = frozenset(
    {
        "",
        "it",
        "this",
        "that",
        "this one",
        "this film",
        "that film",
        "this movie",
        "that movie",
        "он",
        "она",
        "оно",
        "его",
        "ее",
        "этот",
        "этот фильм",
        "этом фильме",
        "этого фильма",
        "нем",
        "ней",
    }
)
_ASKED_AFTER = re.compile(
    r"(?P<s>.+?) (?P<q>(?:who|whos|what|whats|when|which|how|кто|что|когда|какой|какого|о ч[её]м|про что)\b.*"
    r"\b(?:it|this|that|он|она|оно|его|ее|её)\b.*)"
)


def _question_after_title(words: str) -> Parsed | None:
    """ "circus princess what is it about", "mirror - who directed it?": a question about "it"
    after the title asks it about the title."""
    found = _ASKED_AFTER.fullmatch(words)
    if found is None:
        return None
    asked = parse_free(found.group("q"))
    if asked.worded and asked.subject in PRONOUNS and asked.intent in SUBJECT_INTENTS - {"filmography"}:
        return _with_subject(asked.intent, found.group("s"))
    return None


_BARE = re.compile(rf"^{_FILM}(?P<s>.+)$")


# Words that say what a question asks when its wording fits none of the patterns above ("who
# helmed Mirror", "когда премьера Иронии судьбы", "which actors are in Mirror"), in this order:
# "trivia from behind the scenes" asks for a fact, not who was behind the camera.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "fact",
        re.compile(
            r"\b(?:facts?|trivia|behind the scenes|did you know|little known|interesting|special about|"
            r"подробност\w*|любопытн\w*|prizes?|awards?|"
            r"история создания|как снимали|интересн\w*|факт\w*|fakt\w*|interesn\w*)\b"
        ),
    ),
    (
        "about",
        re.compile(
            r"\b(?:plot|storyline|story line|premise|synopsis|summary|summari[sz]e|describe|description|"
            r"what happens|going on|story|stories|рассказывает|сюжет\w*|содержани\w*|аннотаци\w*|описани\w*|"
            r"происходит|о ч[её]м|"
            r"про что|o chem|s[yj]u[zj]h?et)\b"
        ),
    ),
    (
        "cast",
        re.compile(
            r"\b(?:cast|actors?|actress(?:es)?|starr(?:ed|ing|s)|starring|stars|played|plays|voices|voiced|lead|"
            r"leading (?:lady|man|role)|who is in|whos in|актер\w*|актрис\w*|сыграл\w*|играл\w*|играет|рол[ьия]\w*|"
            r"исполнил\w*|озвуч\w*|akt[eyo]r\w*|igral\w*|ozvuch\w*)\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:when|year|yr|premiere\w*|released?|release date|came out|come out|first shown|aired|"
            r"air|shown|decade|показали|создания|выпуска|"
            r"how old|когда|год\w*|премьер\w*|дата|сколько лет|вышел|вышла|вышло|kogda|god|goda|godu|premyer\w*|"
            r"premer\w*|v[yi]shel|v[yi]shla)\b"
        ),
    ),
    (
        "director",
        re.compile(
            r"\b(?:direct(?:ed|ing|or|ors|s)?|dirct\w*|directd|helm(?:ed|s)?|filmmakers?|film maker|made by|shot by|created by|"
            r"animated by|behind the camera|(?:who is|whos) behind|responsible for|режисс\w*|постановщик\w*|поставил\w*|снял\w*|снят\w*|кем|"
            r"автор\w*|сделал\w*|re[zj]h?iss\w*|sn[iy]al\w*)\b"
        ),
    ),
)


def cue_intent(words: str) -> str | None:
    """What a question worded in no known way asks, going by its cue words (None: no cue)."""
    return next((intent for intent, cue in CUES if cue.search(words)), None)


def cue_words(words: str) -> set[str]:
    """The words of `words` that some cue matched."""
    return {w for _, cue in CUES for found in cue.finditer(words) for w in found.group().split()}


_PARTICLE = re.compile(r"\b(кто|что|когда|где|какой|какого|каком|чей|чья|как|сколько) же\b")
# Courtesy around a question: "please", "can you tell me", "hey bot", "пожалуйста".
_POLITE = re.compile(
    r"^(?:(?:hi there|hello there|hey there|hey|hi|hello|ok|okay|so|well|bot|please|pls|plz|ну|а|слушай|скажи|скажите|подскажи|подскажите|пожалуйста|будьте добры|будь добр|будь добра"
    r"|i wonder|i was wondering|im wondering|i forgot|i dont remember|i cant remember|briefly|in short|quickly|не помню|забыл|забыла|интересно|кстати|btw|lol|haha|hm+|хм+|эм+)\s+)+"
    r"|^(?:(?:can|could|would) (?:you|u) (?:please |pls )?(?:tell me|say|show me|give me)?\s*)"
    r"|^(?:do (?:you|u) know|have (?:you|u) heard|ever heard|have you seen|did you see|знаешь|ты знаешь)(?: (?:about|of|про|о))?\s+"
    r"|^(?:do you have|have you got|есть ли(?: у (?:вас|тебя))?|есть у (?:вас|тебя)|у (?:вас|тебя) есть)\s+(?=\S)"
    r"|^(?:tell me|tell us|скажи|скажите|расскажи|расскажите)\s+(?=(?:who|whos|what|whats|when|which|whose|how|кто|что|когда|какой|какого|каком|чей|чья|о чем|про что|сколько)\b)"
    r"|^(?:show me|show us|give me|gimme|show|list(?! (?:of|your|all|every|the)\b))\s+(?=\S)(?!(?:please|pls|plz)$)"
    r"|(?:\s+(?:please|pls|plz|thanks|thank you|пожалуйста|спасибо|lol|haha|хах\w*|exactly|briefly|in short))+$"
)
_RANDOM_QUESTION = _p(
    r"^what (?:should|can|could) (?:i|we) (?:watch|see)",
    r"^(?:recommend|suggest) (?:me )?(?:a |an |some |any )?(?:good )?(?:soviet )?(?:film|movie)s?(?: (?:to watch|for tonight|tonight))?$",
    r"^(?:что (?:бы )?посмотреть)|\b(?:посоветуй|порекомендуй)\w* (?:мне |нам )?(?:фильм|кино|картину|что[- ]?нибудь|что[- ]?то)\b",
    r"^(?:any |some )?(?:recommendations?|suggestions?)(?: for me| for tonight)?$",
)


_PERSON_QUESTIONS = _each(
    r"^(?:what|which)(?: else)?(?: films| movies)?(?: else)? (?:did|has|have|does) (?P<s>.+?) (?:direct|directed|make|made|shoot|shot|star in|starred in|act in|acted in|appear in|appeared in|been in|play in|played in)$",
    r"^(?:what|which) (?:films|movies) (?:star|starred|starring|feature|featured|featuring|with) (?P<s>.+)$",
    r"^(?:any|do you (?:have|know)(?: any)?) (?:films|movies) (?:by|of|with|from|starring) (?P<s>.+)$",
    r"^(?:anything|something|any more|more) (?:else )?(?:by|from|with|starring) (?P<s>.+)$",
    r"^(?:какие|что за) фильмы (?:снял|сняла|снимал|снимала|поставил|поставила) (?P<s>.+)$",
    r"^(?:в каких фильмах|в ч[её]м|где) (?:снимал(?:ся|ась)|снял(?:ся|ась)|играл[аи]?|сыграл[аи]?) (?P<s>.+)$",
    r"^(?:что|какие фильмы)(?: еще)? есть (?:у|с) (?P<s>.+)$",
    r"^(?:у|с) (?P<s>.+?) (?:что|какие фильмы)(?: еще)? есть$",
)


def _person_question(words: str) -> str | None:
    """The person of "what films did X make" and the like, which mention films but ask about X."""
    for pattern in _PERSON_QUESTIONS:
        found = pattern.fullmatch(words)
        if found:
            return found.group("s")
    return None


# Words a question about a year's films may use besides the year itself.
_YEAR_WORDS = frozenset(
    "show me us list all any every the a films film movies movie pictures from of in released made "
    "came come out premiered shot were was are is what which do you have there were any "
    "фильмы фильм кино картины вышедшие снятые снятых вышли вышло какие что за года год году в из есть "
    "anything something список фильмов soviet russian old у тебя вас снято снят сняли filmy goda godu god "
    "your ты советские советских старые русские r".split()
)


# Words that make a bare year a question about films: "films 1975", "что вышло в 1957".
_YEAR_ASKS = frozenset(
    "films film movies movie фильмы фильмов кино pictures картины released made came вышли вышло есть "
    "anything список list have from снято сняли filmy".split()
)
_TWO_DIGITS = re.compile(r"\b(\d\d)\b")


_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_UNITS = "one two three four five six seven eight nine".split()
_SPELLED_YEAR = re.compile(
    rf"\bnineteen (?:({'|'.join(_TEENS)})|({'|'.join(_TENS)})(?: ({'|'.join(_UNITS)}))?)\b"
)


def _year_in_digits(found: re.Match[str]) -> str:
    teen, tens, unit = found.groups()
    if teen:
        return str(1910 + _TEENS.index(teen))
    return str(1920 + 10 * _TENS.index(tens) + (_UNITS.index(unit) + 1 if unit else 0))


def _year_question(words: str) -> int | None:
    """The year of "show me films from 1975", "any films from 1930", "кино 1957 года": a year and
    nothing but by-year words. Two digits are a year of the 1900s when the words say so:
    "фильмы 88 года", "films from '57"."""
    found = re.findall(rf"\b{_YEAR}\b", words)
    if len(found) == 1:
        year, rest = int(found[0]), set(re.sub(rf"\b{_YEAR}\b", " ", words).split())
    elif not found and len(two := _TWO_DIGITS.findall(words)) == 1:
        year, rest = 1900 + int(two[0]), set(_TWO_DIGITS.sub(" ", words).split())
        if not rest & {"года", "году", "год", "from", "in"}:
            return None  # "20 days" is not 1920
    else:
        return None
    return year if rest and rest <= _YEAR_WORDS and rest & _YEAR_ASKS else None


# "1980s", "80s", "80 х" (from "80-х"); the group is the decade without its 0: "198" or "8".
_DECADE = re.compile(r"\b(1[89]\d|[1-9])0 ?(?:s|х|е|ые|ых)\b")
# The same in words: "семидесятые", "восьмидесятых", "the seventies" (the 1900s).
_DECADE_NAMES = {
    "двадцат": 2, "тридцат": 3, "сороков": 4, "пятидесят": 5, "шестидесят": 6, "семидесят": 7,
    "восьмидесят": 8, "девяност": 9, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
    "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
_DECADE_NAME = re.compile(
    r"\b(?:(двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восьмидесят|девяност)(?:ые|ых|ым|ыми)"
    r"|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
)
_DECADE_WORDS = _YEAR_WORDS | {"the", "decade", "годов", "годы", "годах", "годам", "from", "in"}


def _decade_question(words: str) -> int | None:
    """The first year of "films from the 1980s", "80s movies", "фильмы 80-х": a decade and nothing
    but by-year words. Two digits are the 1900s: "80s" is 1980."""
    found = _DECADE.findall(words)
    named = [_DECADE_NAMES[a or b] for a, b in _DECADE_NAME.findall(words)]
    if len(found) + len(named) != 1:
        return None
    tens = int(found[0]) if found else named[0]
    start = tens * 10 if tens > 9 else 1900 + tens * 10
    rest = set(_DECADE_NAME.sub(" ", _DECADE.sub(" ", words)).split())
    return start if rest <= _DECADE_WORDS else None


def _subject_after_list(words: str) -> bool:
    """ "films by X" and "фильмы Тарковского" name a person, so they are not the whole list."""
    return bool(re.match(r"^(?:films|movies|фильмы) (?:by|of|with|starring|режисс)", words)) or (
        words.startswith("фильмы ") and not _CINEMA_LIST.search(words) and len(words.split()) > 1
    )


def _with_subject(intent: str, subject: str) -> Parsed:
    subject = clean(subject)
    return Parsed(intent, subject=subject)


_LITERAL = re.compile(r"(?<![\\\]\)\[])\b([a-zа-яё]{3,})(\??)(?![\[(\w\\])")


@cache
def wording_words() -> frozenset[str]:
    """The whole words the wordings above are written with ("directed", "когда", "snyal"): what a
    mistyped asking word ("direted", "когд") is most likely meant to be.

    Read off the patterns themselves, so a new wording adds its words; stems that a pattern
    continues ("режисс[её]р") and endings after a group are left out, as they are not words.
    """
    patterns: list[re.Pattern[str]] = []
    pending: list[object] = list(globals().values())
    while pending:
        value = pending.pop()
        if isinstance(value, re.Pattern):
            patterns.append(value)
        elif isinstance(value, tuple | list):
            pending.extend(value)
    words: set[str] = set()
    for pattern in patterns:
        for found in _LITERAL.finditer(pattern.pattern):
            word, optional = found.groups()
            words.update((word, word[:-1]) if optional else (word,))
    return frozenset(w for w in words if len(w) >= 3)
