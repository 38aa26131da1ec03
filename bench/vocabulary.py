"""Words of political news shared by the synthetic corpora of bench/search.py and bench/link.py."""

FUNCTION_WORDS = (
    "the of and to in a is that for it on with as we be this are not will by have at our "
    "from they has but all their was an which there been its were would can more these one "
    "no should must also who us so than about any do very only now what into over"
).split()
CONTENT_WORDS = (
    "peace war ceasefire talks agreement corridor border security sovereignty territory "
    "government minister president parliament election vote law reform economy budget tax "
    "inflation growth jobs workers energy gas oil pipeline sanctions trade tariffs exports "
    "negotiations delegation summit partners allies alliance defence army troops soldiers "
    "attack drones missiles civilians refugees humanitarian aid reconstruction villages "
    "roads schools hospitals people nation citizens country region neighbours dialogue "
    "cooperation investment future history justice freedom democracy rights constitution "
    "opposition coalition corruption transparency court judges media journalists protest "
    "police crisis support responsibility commitment decision strategy policy programme "
    "climate emissions water food prices farmers families children youth women health "
    "vaccine pandemic recovery infrastructure railway ports airport tourism culture "
    "language religion faith unity independence liberation occupation withdrawal mines "
    "prisoners detainees exchange return displaced lasting stability prosperity "
    "development technology digital innovation science education universities students "
    "resolution council union international community organisation mission observers "
    "monitoring verification guarantee obligations provocation aggression threat response"
).split()
