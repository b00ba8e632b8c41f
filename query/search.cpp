#include "query/search.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <utility>

#include "common/error.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "query/language_preference.hpp"
#include "query/limits.hpp"
#include "query/reader.hpp"
#include "query/tie_order.hpp"

namespace idx::query {

namespace {

bool has_wildcard(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (has_wildcard(query.get_subquery(i))) return true;
    return false;
}

// The query's terms the ranking pass found in some post: its statistics
// came back with the hits, so no lookup (a round trip to each remote
// member) is needed to know them.
std::set<std::string> found_terms(const Xapian::MSet& mset, const std::vector<std::string>& terms) {
    std::set<std::string> found;
    if (mset.empty()) return found;
    for (const std::string& term : terms)
        if (mset.get_termfreq(term) > 0) found.insert(term);
    return found;
}

// A pass that visits matches without scoring them: counting needs no BM25.
Xapian::Enquire unweighted(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire;
}

}  // namespace

Searcher::Searcher(const std::string& db_path, RankingSettings ranking) : Searcher(single_database(db_path), ranking) {}

Searcher::Searcher(DatabaseSet databases, RankingSettings ranking)
    : m_named(std::move(databases)), m_databases(m_named), m_ranking(ranking) {
    open_database();
    m_just_opened = true;
}

std::vector<DatabaseIdentity> Searcher::identities(const DatabaseSet& set) {
    std::vector<DatabaseIdentity> out;
    for (const DatabaseSpec& member : set.members)
        if (!member.remote()) out.push_back(database_identity(member.path));
    return out;
}

bool Searcher::layout_changed() const {
    try {
        return identities(expand_shards(m_named)) != m_identities;
    } catch (const Error&) {
        return true;  // a shard record being rewritten or damaged: opening again says which
    }
}

void Searcher::open_database() {
    m_stale = true;  // until the whole opening succeeds
    try {
        m_databases = expand_shards(m_named);
        m_identities = identities(m_databases);
        LiveMembers live = open_live_members(m_databases);
        m_db = std::move(live.db);
        m_missing = std::move(live.missing);
        m_local_members = std::move(live.local);
        m_remote_members = std::move(live.remote);
        m_any_remote = live.any_remote;
    } catch (const MemberUnavailable& e) {
        throw IndexUnavailable(e);
    } catch (const Error& e) {
        throw IndexUnavailable(e);
    }
    m_builder = std::make_unique<QueryBuilder>(m_db, read_index_language(m_db));
    m_title_boost =
        std::make_unique<TitleBoost>(m_builder->stemmer(), read_index_language(m_db).stop_words, m_ranking.title_boost);
    start_revision();  // the new builder has just read the languages
    m_stale = false;
}

void Searcher::refresh() {
    // A long-lived searcher (batch mode, a server) sees what `idx add`
    // committed since the last search; reopen() is a cheap check when nothing
    // changed. A database deleted and made anew under the same name is
    // another database: reopen() would mix its revision with the old files'
    // tables, so its identity is checked first (two stats) and it is opened
    // afresh; so is a sharded folder whose shards changed in number (its
    // record is read again each time: one small file). So is a set whose
    // last opening failed or whose connection broke: reopen() never
    // connects again (xapian-tcpsrv closes a connection after its idle
    // timeout, 60 s by default, or it was restarted); and a set that left
    // out a member that is back. Only the members left out are tried for
    // that: opening the whole set again each search cost 5 times the search
    // (bench/RESULTS.md).
    //
    // Just opened by the constructor, there is nothing to see yet, and a
    // member left out would be tried twice in a row (a one-shot command
    // waited twice for a host that does not answer).
    if (std::exchange(m_just_opened, false) && !m_stale) return;
    if (m_stale || layout_changed() || any_member_back(m_missing, m_databases.connect_timeout_ms)) {
        open_database();
        return;
    }
    try {
        if (m_db.reopen()) forget_revision();
    } catch (const Xapian::DatabaseOpeningError&) {
        // A replica's live copy deleted after the check above (xapian-replicate
        // made a full copy and switched to it): open what the path names now.
        open_database();
    } catch (const Xapian::NetworkError&) {
        open_database();  // a connection broke while the searcher waited
    }
}

IndexSnapshot Searcher::snapshot() {
    refresh();
    IndexSnapshot now{m_db.get_doccount(), std::nullopt, m_missing};
    if (m_databases.single_local()) now.revision = m_db.get_revision();
    return now;
}

SearchResult Searcher::search(const SearchRequest& request) {
    // Bounded: at most 6 reads of newer commits, and one more connection
    // after a broken one; refresh() does both.
    bool reconnected = false;
    for (int attempt = 0;; ++attempt) {
        try {
            refresh();
            SearchResult result = run(request);
            result.missing = m_missing;
            result.members = m_databases.members.size();
            return result;
        } catch (const Xapian::WildcardError&) {
            throw Error("a wildcard in '" + request.query + "' stands for more than " +
                        std::to_string(limits::kWildcardExpansion) +
                        " different words; give more letters before the *");
        } catch (const Xapian::DatabaseModifiedError&) {
            // Overtaken by a newer commit mid-search: refresh() reads the new revision.
            if (attempt >= 5) throw;
        } catch (const Xapian::NetworkError& e) {
            // A remote member's connection broke mid-search: its server died
            // or restarted, or closed the connection after its idle timeout.
            // refresh() connects again, once; a member that cannot be reached
            // is then named (or, with allow_partial, left out).
            m_stale = true;
            if (!m_databases.has_remote() || reconnected)
                throw IndexUnavailable(
                    Error("lost the connection to a remote database of " + m_databases.name() + ": " + e.get_msg(),
                          ExitCode::io));
            reconnected = true;
        }
    }
}

Xapian::MSet Searcher::count_matches(const Xapian::Query& query) const {
    return unweighted(m_db, query).get_mset(0, 0, m_db.get_doccount());
}

Xapian::doccount Searcher::count_matches(const Xapian::Query& query, FacetSpy& spy) const {
    // Unweighted: counting needs no BM25 scores. Measured with callgrind on
    // 20 heavy queries over 100,000 posts: 2.03 G instructions when the
    // ranking pass itself checked every match, 1.29 G as two passes.
    if (m_databases.single_local()) {
        Xapian::Enquire counting = unweighted(m_db, query);
        counting.add_matchspy(&spy);
        (void)counting.get_mset(0, 0, m_db.get_doccount());
        return spy.documents_seen();
    }
    // A set. A match spy is handed each member's own docids, which repeat
    // from one member to the next, so each local member is counted by a pass
    // of its own, its docids cached apart. That is exact, since an unweighted
    // match of a member is the set's match restricted to it, except for a
    // wildcard: Xapian expands it by the frequencies of the database it
    // runs on (a word being typed stands for its most frequent completions),
    // so a query with one is counted over the whole set below.
    const bool each_local_alone = !has_wildcard(query);
    if (each_local_alone) {
        for (std::size_t member = 0; member < m_local_members.size(); ++member) {
            Xapian::Enquire alone = unweighted(m_local_members[member], query);
            spy.watch_member(member);
            alone.add_matchspy(&spy);
            (void)alone.get_mset(0, 0, m_local_members[member].get_doccount());
        }
        if (!m_any_remote) return spy.documents_seen();
    }
    // A remote database refuses a custom MatchSpy, but runs Xapian's own
    // ValueCountMatchSpy and sends its counts back: one a field, each
    // counting the distinct value sets of its field's slot (schema 7), exact
    // since every match is checked; the sets are split here. (Over whole
    // facet records, nearly one a post, the servers' maps and their answers
    // made remote shards 4.9 times slower than local ones: bench/RESULTS.md.)
    const Xapian::Database& rest = each_local_alone ? m_remote_members : m_db;
    Xapian::Enquire remaining = unweighted(rest, query);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> fields;
    if (m_field_slots) {
        for (int field = 0; field < kFacetFieldCount; ++field)
            fields.push_back(
                std::make_unique<Xapian::ValueCountMatchSpy>(field_facets_slot(static_cast<FacetField>(field))));
    } else {
        // An index of schema 6 or older: whole records.
        fields.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot::facets));
    }
    for (const auto& counter : fields) remaining.add_matchspy(counter.get());
    (void)remaining.get_mset(0, 0, rest.get_doccount());
    for (const auto& counter : fields)
        for (Xapian::TermIterator it = counter->values_begin(); it != counter->values_end(); ++it)
            spy.add_field_record(*it, it.get_termfreq());
    spy.add_seen(static_cast<Xapian::doccount>(fields.front()->get_total()));
    return spy.documents_seen();
}

void Searcher::forget_revision() {
    m_builder->reread_languages();  // a commit may bring posts in a new language
    start_revision();
}

void Searcher::start_revision() {
    m_facets.clear();
    // Whether the set's posts have their fields' facet slots (schema 7): a
    // count a member, at each new revision only.
    const Xapian::valueno first = field_facets_slot(FacetField::author);
    m_field_slots = !m_databases.single_local() && m_db.get_value_freq(first) == m_db.get_doccount();
    m_spelling = std::make_unique<SpellingCorrector>(m_db, m_builder->stemmers(), m_builder->stopper());
}

SearchResult Searcher::run(const SearchRequest& request) {
    const BuiltQuery built = m_builder->build(request);
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.limit = request.limit;

    Xapian::Enquire enquire(m_db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(m_ranking.k1, 0, 1, m_ranking.b, 0.5));
    // Without weighted words there is no relevance to rank by: newest first.
    const SortOrder sort = request.sort.value_or(built.terms.empty() ? SortOrder::newest : SortOrder::relevance);
    // Equal scores in the order of the posts' source values (their paths,
    // unique per post), not of docids: a set of databases interleaves
    // docids, so docid order would depend on how the posts are split. Set
    // before feedback, whose top posts must be the same ones too.
    if (sort == SortOrder::relevance) enquire.set_sort_by_relevance_then_value(schema::slot::source, false);
    // Feedback only reorders the posts the query matches (OP_AND_MAYBE), and
    // only for plain words ranked by relevance: never where the user asked
    // for exactness or an order of their own.
    Xapian::Query text = built.text;
    if (request.want_hits && built.plain_words && sort == SortOrder::relevance)
        text = expand_with_feedback(enquire, built.text, built.terms.size(), m_ranking.feedback);
    // The post whose title is the query first: reorders, never adds or removes,
    // so the counting pass below counts the query as built, without it, the
    // language preference or the feedback terms (each would cost every match
    // a check for nothing: +6% instructions measured for the title boost).
    if (sort == SortOrder::relevance && !built.terms.empty()) {
        std::vector<TitleBoost::Reading> readings{{built.words, true}};
        for (const BuiltQuery::Reading& other : built.other_readings) readings.push_back({other.text, other.matches});
        text = m_title_boost->apply(text, readings);
    }
    // Posts in the query's language first (language_preference.hpp): also a reordering only.
    if (request.langs.empty() && sort == SortOrder::relevance && !built.terms.empty())
        text = prefer_language(text, built.language, m_builder->posts_in_language(built.language), m_db.get_doccount());
    enquire.set_query(built.filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, built.filter));
    if (sort == SortOrder::newest)
        enquire.set_sort_by_value_then_relevance(schema::slot::date_order, true);
    else if (sort == SortOrder::oldest)
        enquire.set_sort_by_value_then_relevance(schema::slot::date_order, false);

    // Totals are exact. A second, unweighted pass visits every match to count
    // them (and their facets), so the ranking pass can stop early at the best
    // hits: scoring every match instead cost 3.8 times the search over 100,000
    // posts without facets (bench/RESULTS.md). The ranking pass counts too
    // where it cannot stop early: a word of one letter being typed matches
    // nearly every post, so the query is built and its completions looked up
    // once, not twice (whenitson, callgrind: 40 M instructions a search as two
    // passes, 30 M as one), and an order by date sees every match anyway
    // (100,000 posts, the blank query: 36 ms ranking and 8 ms counting as two
    // passes). Over a set the counting pass is its own (count_matches).
    const Xapian::doccount everything = m_db.get_doccount();
    const auto first = static_cast<Xapian::doccount>(request.offset);
    const auto wanted = static_cast<Xapian::doccount>(request.want_hits ? request.limit : 0);
    Xapian::MSet mset;
    std::vector<Xapian::doccount> page;  // the hits shown, as indices into mset
    const auto rank = [&](Xapian::doccount check_at_least) {
        if (sort == SortOrder::relevance) {
            RankedPage ranked = ranked_page(enquire, first, wanted, check_at_least);
            page = std::move(ranked.items);
            return ranked.mset;
        }
        Xapian::MSet fetched = enquire.get_mset(first, wanted, check_at_least);
        page.resize(fetched.size());
        std::iota(page.begin(), page.end(), 0);
        return fetched;
    };
    const bool one_letter_typed = built.partial_letters == 1;
    const bool one_pass = one_letter_typed || sort != SortOrder::relevance;
    if (request.want_facets && one_pass && m_databases.single_local()) {
        FacetSpy spy(m_facets);
        enquire.add_matchspy(&spy);
        mset = rank(everything);
        enquire.clear_matchspies();
        result.total = spy.documents_seen();
        result.facets = spy.table(request.facet_limit);
    } else if (request.want_facets) {
        if (wanted > 0) mset = rank(0);
        FacetSpy spy(m_facets);
        result.total = count_matches(built.query, spy);
        result.facets = spy.table(request.facet_limit);
    } else {
        Xapian::MSet counted;  // the pass that checked every match
        if (one_pass) {
            counted = mset = rank(everything);
        } else {
            if (wanted > 0) mset = rank(0);
            counted = count_matches(built.query);
        }
        result.total = counted.get_matches_estimated();
        result.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    }

    // A post matched in another language's reading is marked as read in it.
    SnippetMaker snippets(built.stemmer, built.terms, built.partial_word);
    std::map<std::string, SnippetMaker, std::less<>> other_snippets;
    for (const BuiltQuery::Reading& other : built.other_readings)
        if (other.matches) other_snippets.try_emplace(other.language, other.stemmer, other.terms, built.partial_word);
    for (std::size_t shown = 0; shown < page.size(); ++shown) {
        const Xapian::MSetIterator it = mset[page[shown]];
        const Xapian::Document doc = it.get_document();
        auto post = decode_post(doc.get_data(), doc.get_value(schema::slot::text));
        if (!post) continue;  // written by an unknown format: skip rather than show garbage
        Hit hit;
        hit.rank = request.offset + shown + 1;
        hit.score = it.get_weight();
        const auto other = other_snippets.find(post->lang);
        hit.snippet = (other == other_snippets.end() ? snippets : other->second).make(post->text);
        post->text.clear();
        hit.post = std::move(*post);
        result.hits.push_back(std::move(hit));
    }
    // The corrector's work grows with the words it weighs against each other:
    // a long query gets none (query/limits.hpp).
    // A word being typed is no misspelling while something matches.
    const bool typing = request.partial && result.total > 0;
    if (!typing && (result.total == 0 || !built.terms.empty()) && built.terms.size() <= limits::kSpellingWords)
        result.corrected_query = m_spelling->correct(request.query, found_terms(mset, built.terms));
    return result;
}

}  // namespace idx::query
