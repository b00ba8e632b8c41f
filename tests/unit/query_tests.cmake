# Units of query/. Tests that need an index of posts build a small one in a
# temporary folder with tests/support/small_index (the real DocumentBuilder),
# so they link idx_indexer too; search_test and stats_test index post files
# with the real incremental sync, whose output they read.
idx_test(date_range_test SOURCES date_range_test.cpp LIBS idx_query idx_indexer)
idx_test(field_processors_test SOURCES field_processors_test.cpp LIBS idx_query idx_indexer idx_small_index)
idx_test(query_builder_test SOURCES query_builder_test.cpp LIBS idx_query idx_indexer idx_small_index)
idx_test(facets_test SOURCES facets_test.cpp LIBS idx_query idx_indexer)
idx_test(snippet_test SOURCES snippet_test.cpp LIBS idx_query idx_indexer idx_cli)
idx_test(spelling_test SOURCES spelling_test.cpp LIBS idx_query idx_indexer idx_small_index)
idx_test(title_boost_test SOURCES title_boost_test.cpp LIBS idx_query idx_indexer idx_small_index)
idx_test(search_test SOURCES search_test.cpp LIBS idx_query idx_indexer idx_cli)
idx_test(stats_test SOURCES stats_test.cpp LIBS idx_query idx_indexer)
idx_test(tie_order_test SOURCES tie_order_test.cpp LIBS idx_query)
