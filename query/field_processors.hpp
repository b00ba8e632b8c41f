#pragma once
// Field prefixes of the query language, built from schema::kFields: exact
// boolean fields (id) spell their terms with schema::boolean_term and labels
// (author, category, tag) with schema::label_term, as the indexer did; year and month check their value.
// A malformed value is recorded in `problem`, for a clear message.

#include <xapian.h>

#include <string>
#include <string_view>

namespace idx::query {

class ExactFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit ExactFieldProcessor(std::string_view prefix) : m_prefix(prefix) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string m_prefix;
};

// author:, category:, tag: compare without case or accents (schema::label_term).
class LabelFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit LabelFieldProcessor(std::string_view prefix) : m_prefix(prefix) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string m_prefix;
};

// lang:ja, lang:pt-BR: the language code made canonical, as the indexer wrote it.
class LangFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit LangFieldProcessor(std::string& problem) : m_problem(problem) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string& m_problem;
};

// year:2016
class YearFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit YearFieldProcessor(std::string& problem) : m_problem(problem) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string& m_problem;
};

// month:2016-03 (or 201603)
class MonthFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit MonthFieldProcessor(std::string& problem) : m_problem(problem) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string& m_problem;
};

// date:2016-03-01 (a single day, month or year; ranges go to DateRangeProcessor)
class DateFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit DateFieldProcessor(std::string& problem) : m_problem(problem) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    std::string& m_problem;
};

}  // namespace idx::query
