"""Speakers: fullest names, pronouns, descriptions, organisations, defaults, anonymity."""

from __future__ import annotations

from parsed import quotes_of, speakers_of


def test_titles_are_stripped_and_the_fullest_name_is_returned() -> None:
    text = (
        "Turkish President Recep Tayyip Erdoğan opened the bridge on Monday.\n\n"
        "“This bridge unites two continents,” Erdoğan said. Erdoğan'ın konuşması uzun sürdü."
    )
    quote = quotes_of(text)["This bridge unites two continents"]
    assert quote.speaker == "Recep Tayyip Erdoğan"
    assert text[quote.speaker_start : quote.speaker_end] == "Erdoğan"


def test_honorifics_and_initials_resolve_to_the_full_name() -> None:
    text = (
        "Leonard E. Burman, director of the Tax Policy Center, studied the plan.\n\n"
        "“There's a lot of new complexity,” said Mr. Burman."
    )
    assert speakers_of(text) == {"There's a lot of new complexity": "Leonard E. Burman"}


def test_a_pronoun_goes_to_the_most_recent_named_speaker() -> None:
    text = (
        "“We will not wait for anyone's permission,” President Selim Tarkan told reporters.\n\n"
        "He added that the talks were “going better than anyone expected.”"
    )
    assert speakers_of(text)["going better than anyone expected."] == "Selim Tarkan"


def test_a_pronoun_prefers_the_subject_over_a_name_later_in_the_sentence() -> None:
    text = (
        "Pollster Pat Caddell went on to discuss polls showing Donald Trump ahead in Ohio.\n\n"
        "“This is in their heads,” he said."
    )
    assert speakers_of(text) == {"This is in their heads": "Pat Caddell"}


def test_a_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Prosecutor Lina Haddad answered Daniel Okafor, the lawyer for the defence.\n\n"
        "“The jury saw everything it needed to see,” she said."
    )
    assert speakers_of(text) == {"The jury saw everything it needed to see": "Lina Haddad"}


def test_she_does_not_go_to_another_woman_named_in_a_sentence_about_her() -> None:
    text = (
        "Hillary Clinton says Donald Trump's tweets about Alicia Machado were “lies.”\n\n"
        "The Democratic candidate's response came in a series of tweets.\n\n"
        "She tweeted: “This is dangerous for a president.”"
    )
    assert speakers_of(text)["This is dangerous for a president."] == "Hillary Clinton"


def test_a_description_resolves_to_the_person_holding_that_role() -> None:
    text = (
        "Energy Minister Orhan Demirel spoke after the president.\n\n"
        "“Nothing is signed until everything is signed,” the minister said."
    )
    assert speakers_of(text) == {"Nothing is signed until everything is signed": "Orhan Demirel"}


def test_a_role_given_before_the_name_counts_too() -> None:
    text = (
        "Her lawyer, Daniel Okafor, spoke first.\n\n"
        "“My client has never hidden a single document,” the lawyer said."
    )
    assert speakers_of(text) == {"My client has never hidden a single document": "Daniel Okafor"}


def test_a_description_with_no_one_to_resolve_to_is_kept_as_written() -> None:
    text = "“Promise mama you'll keep your hands in sight,” the narrator of the ad sings."
    assert speakers_of(text) == {
        "Promise mama you'll keep your hands in sight": "the narrator of the ad"
    }


def test_an_organisation_speaks_and_the_ministry_resolves_to_its_name() -> None:
    text = (
        "The Ministry of Energy and Natural Resources approved the route.\n\n"
        "The ministry said in a statement that the route was “technically sound.”"
    )
    quote = quotes_of(text)["technically sound."]
    assert quote.speaker is not None and quote.speaker.startswith("Ministry of Energy")


def test_anonymous_sources_give_null_never_a_wrong_name() -> None:
    text = (
        "Foreign Minister Nikos Varelas met his counterpart.\n\n"
        "According to a source close to Varelas, the sides are “far apart on price.”\n\n"
        "A senior official said the talks were “stuck.”\n\n"
        "“Nothing will move before the summer,” said one diplomat familiar with the talks.\n\n"
        "Sources close to the government called the plan “unrealistic.”"
    )
    assert speakers_of(text) == {
        "far apart on price.": None,
        "stuck.": None,
        "Nothing will move before the summer": None,
        "unrealistic.": None,
    }


def test_the_default_speaker_says_first_person_words_without_another_cue() -> None:
    text = (
        "Address on the anniversary of independence\n\n"
        "“We will rebuild every village and every school.”\n\n"
        "As I said in my address to parliament, “no one will decide our future for us.”"
    )
    found = speakers_of(text, default_speaker="Ilham Aliyev")
    assert found == {
        "We will rebuild every village and every school.": "Ilham Aliyev",
        "no one will decide our future for us.": "Ilham Aliyev",
    }
    assert (
        quotes_of(text, default_speaker="Ilham Aliyev")[
            "We will rebuild every village and every school."
        ].cue_type
        == "default"
    )


def test_the_default_speaker_never_overrides_a_named_one() -> None:
    text = "“We will win,” said opposition leader Petros Lambrou."
    assert speakers_of(text, default_speaker="Ilham Aliyev") == {"We will win": "Petros Lambrou"}


def test_without_a_default_first_person_words_with_no_cue_have_no_speaker() -> None:
    assert speakers_of("Statement\n\n“We will rebuild every village and every school.”") == {
        "We will rebuild every village and every school.": None
    }


def test_two_people_with_one_surname_stay_apart() -> None:
    text = (
        "Hillary Clinton and Bill Clinton campaigned in Ohio. Bill Clinton spoke first, "
        "and Bill Clinton spoke again later.\n\n"
        "“The insurance model doesn't work here,” Clinton said."
    )
    assert speakers_of(text) == {"The insurance model doesn't work here": "Bill Clinton"}


def test_a_title_with_a_complement_is_no_part_of_the_name() -> None:
    text = (
        "President of the Republic Viktor Sorel made a statement on the reopening of the "
        "northern corridor.\n\n"
        '"The northern corridor will reopen on Monday for civilian traffic," President Sorel '
        "said.\n\n"
        '"Freight will follow on Wednesday," the President of the Republic added.'
    )
    assert speakers_of(text) == {
        "The northern corridor will reopen on Monday for civilian traffic": "Viktor Sorel",
        "Freight will follow on Wednesday": "Viktor Sorel",
    }


def test_a_surname_expands_past_a_title_that_names_a_body() -> None:
    text = (
        "Speaker of Parliament Elena Varga opened the spring session on Thursday.\n\n"
        '"This parliament will ratify the corridor agreement before the summer recess," '
        "Varga said in her opening speech."
    )
    assert list(speakers_of(text).values()) == ["Elena Varga"]


def test_office_words_complete_a_title_and_a_name_may_follow() -> None:
    text = (
        'Minister of Foreign Affairs Jeyhun Talibov said the talks were "useful."\n\n'
        '"We will meet again in June," said Secretary of Homeland Security Ana Ruiz.\n\n'
        'The Secretary of State said the visit would be "short."'
    )
    assert speakers_of(text) == {
        "useful.": "Jeyhun Talibov",
        "We will meet again in June": "Ana Ruiz",
        "short.": "The Secretary of State",  # no one in the text holds that office
    }


def test_the_ministry_resolves_to_the_ministry_the_statement_names() -> None:
    text = (
        "The Ministry of Foreign Affairs strongly condemns the shelling of the village of "
        "Dovrin on the night of 3 May.\n\n"
        '"Such provocations undermine the peace process and will not go unanswered," the '
        "ministry said in a statement.\n\n"
        "Ministry of Foreign Affairs Spokesperson Aydan Huseynli added that all partners had "
        'been "informed in full."'
    )
    assert speakers_of(text) == {
        "Such provocations undermine the peace process and will not go unanswered": (
            "Ministry of Foreign Affairs"
        ),
        "informed in full.": "Aydan Huseynli",
    }


def test_official_statement_shapes_keep_their_speakers() -> None:
    text = (
        "Foreign Minister Leyla Mammadova arrived in Geneva on Tuesday.\n\n"
        "'We came to Geneva to close the chapter of war,' Mammadova told journalists.\n\n"
        'And from Deputy Minister Rauf Karimli: "The talks will focus on mine clearance."\n\n'
        'Answer: "The parties agreed on a timetable," spokesperson Aydan Huseynli said.\n\n'
        "Opposition leader Tomas Brandt was sceptical. “We have heard such promises before,” "
        "he told reporters. “Show us the convoys first.”\n\n"
        "A government official, who asked not to be named, said the first payments could "
        "arrive “within weeks”."
    )
    assert speakers_of(text) == {
        "We came to Geneva to close the chapter of war": "Leyla Mammadova",
        "The talks will focus on mine clearance.": "Rauf Karimli",
        "The parties agreed on a timetable": "Aydan Huseynli",
        "We have heard such promises before": "Tomas Brandt",
        "Show us the convoys first.": "Tomas Brandt",
        "within weeks": None,
    }


def test_an_outlet_is_never_the_speaker_of_its_journalist_or_guest() -> None:
    text = (
        "Anchor Lena Fischer, Channel Nine: \u201cWill you accept the result?\u201d\n\n"
        "Mayor Omar Haddad (Radio Nord): \u201cI will accept the voters' decision.\u201d\n\n"
        "\u201cIt was a rout,\u201d Radio Nord's Petra Lind said.\n\n"
        "The Daily Ledger's Tom Ashby reported that the mayor was \u201cfurious.\u201d"
    )
    assert speakers_of(text) == {
        "Will you accept the result?": "Lena Fischer",
        "I will accept the voters' decision.": "Omar Haddad",
        "It was a rout": "Petra Lind",
        "furious.": "Tom Ashby",
    }


def test_a_transcript_label_with_an_outlet_gives_the_journalist() -> None:
    text = (
        "CHANNEL NINE'S LENA FISCHER: Will you accept the result?\n\n"
        "HADDAD: I will look at it at the time.\n\n"
        "FISCHER: Do you make a commitment?\n\n"
        "HADDAD: I will tell you at the time."
    )
    assert [q.speaker for q in quotes_of(text).values()] == [
        "Lena Fischer",
        "Haddad",
        "Lena Fischer",
        "Haddad",
    ]


def test_words_about_the_circumstances_are_no_part_of_the_speaker() -> None:
    text = (
        "Governor Anna Rusk in the past said the plan was \u201cunaffordable.\u201d\n\n"
        "Protesters marching through the old town chanted \u201cNo more delays!\u201d\n\n"
        "The European Commission welcomed the plan. \u201cThis is a good day,\u201d the "
        "Commission said."
    )
    assert speakers_of(text) == {
        "unaffordable.": "Anna Rusk",
        "No more delays!": "Protesters",
        "This is a good day": "European Commission",
    }


def test_a_noun_that_is_also_a_verb_names_the_speaker_after_an_article() -> None:
    text = (
        "Researchers counted the subsidiaries, and the report says the bank "
        "\u201cholds 900 of them in tax havens.\u201d\n\n"
        "The agency rated 32% of Republican claims as \u201cfalse\u201d in its review."
    )
    assert speakers_of(text) == {
        "holds 900 of them in tax havens.": "the report",
        "false": "The agency",
    }


def test_the_person_a_paper_quotes_is_the_speaker_not_the_paper() -> None:
    text = (
        "Union negotiator Maren Holt met the employers on Monday.\n\n"
        'The Harbour Gazette quoted her as saying the offer was "an insult."\n\n'
        'The Gazette quoted a senior official as saying talks would resume "next week."'
    )
    assert speakers_of(text) == {"an insult.": "Maren Holt", "next week.": None}


def test_a_label_after_a_clause_is_an_object_and_the_subject_speaks() -> None:
    text = (
        "Minister Ilkin Rustamov took aim at the plans of the Opposition Bloc: "
        "\u201cThey have no plan.\u201d"
    )
    assert speakers_of(text) == {"They have no plan.": "Ilkin Rustamov"}


def test_a_pronoun_reads_past_abbreviations_and_prepositions_to_its_person() -> None:
    text = (
        "Senator Maria Lund spoke on Tuesday.\n\n"
        "On the morning show, Senator Lund criticized Tulsa, Okla., police officer Anna "
        "Berg for the arrest.\n\n"
        "\u201cHow many times must we see this?\u201d she said.\n\n"
        "Economist Hanna Sato, a former tax aide, studied the plan.\n\n"
        "It became an issue in the race, with Mayor Lena Fischer \u2014 who wants higher "
        "taxes on the rich \u2014 attacking the plan.\n\n"
        "\u201cThis is trickle-down economics all over again,\u201d she said in the debate.\n\n"
        "Speaker Paul Ortiz, R-Wis., despite his doubts about the bill, said he believes "
        "Lund is right.\n\n"
        "\u201cI do think the votes are there,\u201d he said."
    )
    assert speakers_of(text) == {
        "How many times must we see this?": "Maria Lund",
        "This is trickle-down economics all over again": "Lena Fischer",
        "I do think the votes are there": "Paul Ortiz",
    }


def test_labels_that_name_their_speaker_inside_a_phrase_or_a_clause() -> None:
    text = (
        "A lesson from Mayor Lena Fischer: \u201cBe the voice that people hear.\u201d\n\n"
        "On July 6, 2015, Senator Omar Haddad made the following comment:\n\n"
        "\u201cThe unemployment rate for young people is 33 percent.\u201d\n\n"
        "\u201cOur assumption is that the veto will be overridden,\u201d Majority Leader "
        "Mitch Barlow, R-Ky., said Tuesday."
    )
    assert speakers_of(text) == {
        "Be the voice that people hear.": "Lena Fischer",
        "The unemployment rate for young people is 33 percent.": "Omar Haddad",
        "Our assumption is that the veto will be overridden": "Mitch Barlow",
    }


def test_she_goes_to_the_woman_of_two_people_with_one_surname() -> None:
    text = (
        "Bill Clinton and Hillary Clinton arrived together. Bill Clinton spoke first.\n\n"
        "In her 2003 book, Living History, Clinton noted the clot.\n\n"
        "She was \u201cwhisked off to the hospital\u201d for tests, she wrote."
    )
    assert speakers_of(text) == {"whisked off to the hospital": "Hillary Clinton"}


def test_clause_verbs_and_nouns_ending_like_adverbs_end_no_subject() -> None:
    text = (
        "Following a swiftly called, late-afternoon meeting, the Security Council issued a "
        "statement calling the test \u201ca clear violation.\u201d\n\n"
        "Scott's family has called on the police to release the videos \u201cfor the sake "
        "of transparency.\u201d"
    )
    assert speakers_of(text) == {
        "a clear violation.": "Security Council",
        "for the sake of transparency.": "Scott's family",
    }


def test_long_official_titles_statements_and_offices_by_other_words() -> None:
    text = (
        "Head of the Press Service of the Ministry of Foreign Affairs Aykhan Hajizada said "
        'the meeting was "constructive."\n\n'
        "President Ilham Aliyev received the delegation on Monday. In his speech, the head of "
        'state said: "Our doors are open to dialogue."\n\n'
        "The Ministry of Defence of the Republic of Aran issued a statement on Tuesday.\n\n"
        '"We call on the international community to condemn this act," the statement said.\n\n'
        'A statement circulated online called the talks "a sham."'
    )
    assert speakers_of(text) == {
        "constructive.": "Aykhan Hajizada",
        "Our doors are open to dialogue.": "Ilham Aliyev",
        "We call on the international community to condemn this act": (
            "Ministry of Defence of the Republic of Aran"
        ),
        "a sham.": "A statement circulated online",
    }


def test_dashes_possessives_and_a_sentence_about_the_speaker() -> None:
    text = (
        "Scott's relatives watched the videos, according to their attorneys, and said they "
        "came away with \u201cmore questions than answers.\u201d\n\n"
        "Mayor Omar Haddad hardly answered, treating Mrs. Rusk's remark as a compliment -- "
        "\u201cThat makes me smart\u201d -- and moved on.\n\n"
        "On \u201cMorning Call,\u201d Senator Lena Fischer named young voters as a reason for "
        "hope. \u201cThe younger people are sick and tired of discrimination.\u201d"
    )
    found = speakers_of(text)
    assert found["That makes me smart"] == "Omar Haddad"
    assert found["The younger people are sick and tired of discrimination."] == "Lena Fischer"
    assert found["more questions than answers."] != "Omar Haddad"


def test_a_joint_statement_names_the_first_speaker_and_keeps_the_others() -> None:
    text = (
        "Governor Alma Reyes and Mayor Ron Tully opened the bridge.\n\n"
        "“We owe it to every commuter,” Reyes and Tully said in a joint statement.\n\n"
        "Alma Reyes, Ron Tully and Dana Pike said the toll would be “lifted in June.”"
    )
    quotes = quotes_of(text)
    joint = quotes["We owe it to every commuter"]
    assert (joint.speaker, joint.co_speakers) == ("Alma Reyes", ("Ron Tully",))
    listed = quotes["lifted in June."]
    assert (listed.speaker, listed.co_speakers) == ("Alma Reyes", ("Ron Tully", "Dana Pike"))


def test_a_name_after_a_preposition_opens_no_list_and_a_group_beside_a_name_is_not_it() -> None:
    text = (
        "In a call with Obama, Trump and Pence said the plan was “historic.”\n\n"
        "Trump and his aides said the debate was “rigged.”"
    )
    quotes = quotes_of(text)
    assert (quotes["historic."].speaker, quotes["historic."].co_speakers) == ("Trump", ("Pence",))
    assert (quotes["rigged."].speaker, quotes["rigged."].co_speakers) == ("Trump", ())


def test_a_surname_ending_like_an_adverb_is_a_name() -> None:
    text = "Last year, Mayor Ron Tully said the budget was “balanced.” Kelly said it was “fine.”"
    assert speakers_of(text) == {"balanced.": "Ron Tully", "fine.": "Kelly"}


def test_a_vice_president_is_not_the_president() -> None:
    text = (
        "President Mara Olsen spoke first. Vice President Joseph Brandt spoke next.\n\n"
        "“Every child deserves a school that works,” the president said.\n\n"
        "“We will be back next year,” the vice president added."
    )
    assert speakers_of(text) == {
        "Every child deserves a school that works": "Mara Olsen",
        "We will be back next year": "Joseph Brandt",
    }


def test_a_signature_at_the_end_of_a_paragraph_signs_all_of_its_quotations() -> None:
    text = (
        "“He is a bully.” ― Vera Cruz\n\n"
        "“Nobody answered the question about rent.” And that was what I wanted: "
        "“a number.” ― Tina Lastra."
    )
    assert speakers_of(text) == {
        "He is a bully.": "Vera Cruz",
        "Nobody answered the question about rent.": "Tina Lastra",
        "a number.": "Tina Lastra",
    }


def test_a_partial_quotation_with_no_cue_goes_to_the_one_person_its_sentence_names() -> None:
    text = (
        "Dr. Mehmet Oz appeared at a Senate hearing in 2014 for his role in promoting diet "
        "pills and for saying that green coffee extract was a “miracle cure for everyone.”"
    )
    assert speakers_of(text) == {"miracle cure for everyone.": "Mehmet Oz"}


def test_a_statement_from_someone_is_theirs() -> None:
    text = (
        "“The talks are over,” a statement from the Ministry of Defence said.\n\n"
        "A statement by Senator Dana Pike called the bill “dead on arrival.”"
    )
    assert speakers_of(text) == {
        "The talks are over": "Ministry of Defence",
        "dead on arrival.": "Dana Pike",
    }


def test_a_nickname_inside_a_name_neither_speaks_nor_cuts_the_name() -> None:
    text = (
        "“This is a big year for our senator!” Scott's niece, state Del. Marcia “Cia” "
        "Price (D-Newport News), shouted to the crowd."
    )
    quotes = quotes_of(text)
    assert list(quotes) == ["This is a big year for our senator!"]
    assert quotes["This is a big year for our senator!"].speaker == "Marcia Price"


def test_the_name_around_a_nickname_is_the_fullest_name() -> None:
    text = (
        "Bram Kettleby, who kept the Lantern lit, dies aged 87\n\n"
        "Ambrose “Bram” Kettleby, who ran the Lantern Picture House, died on Sunday.\n\n"
        "“People think a cinema is about films,” Mr Kettleby said in 2011."
    )
    assert speakers_of(text) == {"People think a cinema is about films": "Ambrose Kettleby"}


def test_an_anonymous_word_in_another_clause_leaves_the_speaker_named() -> None:
    text = (
        "Several people booed when Callahan referred to the plan as “a fantasy.”\n\n"
        "A source close to Erdoğan said the talks were “over.”"
    )
    assert speakers_of(text) == {"a fantasy.": "Callahan", "over.": None}
