#include "tests/support/small_index.hpp"

#include <algorithm>
#include <utility>

#include "common/lines.hpp"
#include "common/schema.hpp"

namespace idx::test {

SmallIndex::SmallIndex(std::string_view tag, const IndexSettings& settings)
    : m_dir(tag), m_settings(settings), m_db(path(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS) {
    m_db.set_metadata(std::string(schema::metadata::language), m_settings.language);
    m_db.set_metadata(std::string(schema::metadata::stop_words), join_lines(effective_stop_words(m_settings)));
}

Xapian::docid SmallIndex::add(const Post& post) {
    SourceRecord source;
    source.path = post.path;
    return add_built(m_builder.build(post, source));
}

Xapian::docid SmallIndex::add_named(const Post& post, const std::string& name) {
    SourceRecord source;
    source.path = post.path;
    indexer::BuiltDocument built = m_builder.build(post, source);
    built.document.set_data(name);
    return add_built(std::move(built));
}

Xapian::docid SmallIndex::add_built(indexer::BuiltDocument built) {
    for (const std::string& word : built.spelling_words) m_db.add_spelling(word);
    return m_db.replace_document(built.unique_term, built.document);
}

std::vector<std::string> SmallIndex::names_matching(const Xapian::Query& query) const {
    Xapian::Enquire enquire(m_db);
    enquire.set_query(query);
    std::vector<std::string> names;
    const Xapian::MSet mset = enquire.get_mset(0, m_db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) names.push_back(it.get_document().get_data());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace idx::test
