"""Name, street and domain vocabularies for the demo population (data only).

First names and surnames by origin, weighted roughly like the Dutch population: Dutch names with
particles (``van den Berg``, ``'t Hart``), and Turkish, Moroccan, Surinamese, Indonesian/Moluccan,
Polish and other names common in the Netherlands (with their own letters: ş, ı, ł, ó).
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The comma-separated items of ``text`` (a compact way to write long vocabularies)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


# origin -> (weight, first names, surnames)
ORIGINS: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "dutch": (
        0.70,
        words("""
            Jan, Piet, Kees, Henk, Gerrit, Willem, Johan, Pieter, Bram, Daan, Sem, Lucas,
            Thijs, Ruben, Jeroen, Martijn, Sander, Bas, Wouter, Erik, Joost, Koen, Niels, Tim,
            Maarten, Dirk, Hans, Anna, Maria, Johanna, Els, Ingrid, Marieke, Sanne, Lotte, Emma,
            Julia, Sophie, Fleur, Iris, Anouk, Femke, Linda, Monique, Petra, Annelies, Gerda,
            Wilma, Esther, Margriet, Noor, Tess, Eva, Mila, Anneke, José, Renée, Chloë, Zoë, Noël
        """),
        words("""
            de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit,
            Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker,
            Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok,
            Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn,
            van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas,
            Verhoeven, Koster, van Dam, van der Wal, Prins, Blom, Huisman, 't Hart, van 't Hof,
            Kuipers, Postma, Timmermans, Groen, Sanders, Hoogendoorn, van Wijk, Verbeek,
            ter Horst, in 't Veld, Drost, Boersma, de Ruiter, Terpstra
        """),
    ),
    "turkish": (
        0.06,
        words("""
            Mehmet, Mustafa, Ahmet, Emre, Burak, Murat, Hakan, Yusuf, Ayşe, Fatma, Zeynep, Elif,
            Emine, Hatice, Büşra, Özlem
        """),
        words("""
            Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Özdemir, Arslan, Doğan,
            Koç, Kılıç, Aslan
        """),
    ),
    "moroccan": (
        0.06,
        words("""
            Mohamed, Youssef, Hamza, Said, Karim, Mourad, Bilal, Ayoub, Fatima, Khadija, Nora,
            Imane, Samira, Hanane, Salma, Naima
        """),
        words("""
            El Amrani, Bouzid, El Idrissi, Benali, Ouali, Ait Taleb, Boukhari, Azzouzi,
            El Khatib, Ziani, Tahiri, El Ouardi, Bakkali, Chaouch
        """),
    ),
    "surinamese": (
        0.05,
        words("""
            Rajesh, Ravi, Kiran, Anand, Marvin, Glenn, Romano, Errol, Anjali, Shanti, Priscilla,
            Sharon, Rachna, Dewika, Jennifer
        """),
        words("""
            Ramdin, Sewnarain, Jagessar, Biharie, Kromodimedjo, Pinas, Wijngaarde, Doelwijt,
            Ramsaran, Soekhlal, Mahabier, Karijopawiro, Amatmoekrim
        """),
    ),
    "indonesian": (
        0.03,
        words("Wayan, Budi, Agus, Johan, Dewi, Putri, Sri, Yvonne, Ronny"),
        words("""
            Pattiasina, Latuheru, Sahetapy, Tahapary, Pattipeilohy, Latumahina, Wibowo, Hartono,
            Santoso, Siahaya
        """),
    ),
    "polish": (
        0.05,
        words("""
            Piotr, Tomasz, Łukasz, Paweł, Krzysztof, Marcin, Agnieszka, Katarzyna, Małgorzata,
            Joanna, Magdalena, Anna
        """),
        words("""
            Kowalski, Nowak, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowska, Zielińska,
            Szymańska, Woźniak, Dąbrowski
        """),
    ),
    "other": (
        0.05,
        words("""
            Omar, Ahmad, Rami, Yonas, Tesfay, Senait, Layla, Rania, Dmitri, Olena, Ioana, Andrei,
            Giulia, Marco, Chen, Mei
        """),
        words("""
            Al-Hassan, Haddad, Tesfamariam, Kidane, Kovalenko, Popescu, Rossi, Silva, Martina,
            Statia, Nguyen, Osei, Mensah
        """),
    ),
}

# Streets found in most Dutch towns (each town adds a few of its own, see population.CLIENTS).
COMMON_STREETS: tuple[str, ...] = words("""
    Kerkstraat, Dorpsstraat, Molenweg, Stationsweg, Julianastraat, Wilhelminastraat,
    Beatrixlaan, Schoolstraat, Nieuwstraat, Emmalaan, Oranjestraat, Lindenlaan, Eikenlaan,
    Parklaan, Vondelstraat, Rembrandtlaan, Van Goghstraat, Tulpstraat, Zonnebloemstraat,
    Hoofdstraat, Marktplein, Burgemeester de Withstraat, Koningin Julianaweg, Spoorlaan
""")

# (domain, weight) of private e-mail addresses.
EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("gmail.com", 0.34),
    ("hotmail.com", 0.16),
    ("outlook.com", 0.08),
    ("live.nl", 0.06),
    ("ziggo.nl", 0.07),
    ("kpnmail.nl", 0.06),
    ("planet.nl", 0.03),
    ("xs4all.nl", 0.03),
    ("icloud.com", 0.06),
    ("yahoo.com", 0.03),
    ("hetnet.nl", 0.03),
    ("home.nl", 0.02),
    ("protonmail.com", 0.03),
)

MONTHS_NL: tuple[str, ...] = words("""
    januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, november,
    december
""")
