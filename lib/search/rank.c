/*
 * rank.c - the ranking weights (rank.h): defaults, the FAGUI_TUNE override
 * and the shared idf.
 */
#include "rank.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const fg_tuning fg_tuning_default = {
	.k1 = 1.2,
	.b = 0.75,
	.title = 2.0,
	.prior = 1.5,
	.relax_title = 0.2,
	.relax_prior = 30.0,
	.strict_boost = 3.0,
	.level = 0.05,
	.relax_level = 0.15,
	.doc_boost = 20,
	.doc_top = 20,
	.synonym = 0.5,
	.relax_heading = 0.25,
	.keywords = 1.0,
	.assoc = 0, /* off: with the session-8 keyword files it trades Recall@10 and 50% of the time for +0.005 Recall@100 (bench/RESULTS.md); FAGUI_TUNE=assoc=0.3 */
	.assoc_docs = 20,
	.assoc_terms = 10,
	.learned = 0.6, /* held-out STARD (learned on one half, measured on the other): +0.010 Recall@100 (bench/RESULTS.md "Learned table") */
	.learned_terms = 2, /* held out as good as 5 (MRR@10 and rules without keywords a little better), and the frequent statute bigrams cost less */
	.rule = 1000,
	.parallel = 1,
};

static const struct {
	const char *name;
	size_t off;
} knobs[] = {{"k1", offsetof(fg_tuning, k1)},
	     {"b", offsetof(fg_tuning, b)},
	     {"title", offsetof(fg_tuning, title)},
	     {"prior", offsetof(fg_tuning, prior)},
	     {"relax_title", offsetof(fg_tuning, relax_title)},
	     {"relax_heading", offsetof(fg_tuning, relax_heading)},
	     {"keywords", offsetof(fg_tuning, keywords)},
	     {"relax_prior", offsetof(fg_tuning, relax_prior)},
	     {"strict_boost", offsetof(fg_tuning, strict_boost)},
	     {"level", offsetof(fg_tuning, level)},
	     {"relax_level", offsetof(fg_tuning, relax_level)},
	     {"doc_boost", offsetof(fg_tuning, doc_boost)},
	     {"doc_top", offsetof(fg_tuning, doc_top)},
	     {"synonym", offsetof(fg_tuning, synonym)},
	     {"assoc", offsetof(fg_tuning, assoc)},
	     {"assoc_docs", offsetof(fg_tuning, assoc_docs)},
	     {"assoc_terms", offsetof(fg_tuning, assoc_terms)},
	     {"learned", offsetof(fg_tuning, learned)},
	     {"learned_terms", offsetof(fg_tuning, learned_terms)},
	     {"rule", offsetof(fg_tuning, rule)},
	     {"parallel", offsetof(fg_tuning, parallel)}};

void fg_tuning_read(fg_tuning *t)
{
	*t = fg_tuning_default;
	const char *p = getenv("FAGUI_TUNE");
	while (p && *p) {
		const char *eq = strchr(p, '=');
		if (!eq)
			break;
		for (size_t i = 0; i < sizeof knobs / sizeof *knobs; i++)
			if (strlen(knobs[i].name) == (size_t)(eq - p) && !strncmp(p, knobs[i].name, (size_t)(eq - p)))
				*(double *)((char *)t + knobs[i].off) = strtod(eq + 1, NULL);
		const char *comma = strchr(eq, ',');
		p = comma ? comma + 1 : NULL;
	}
}

double fg_rank_idf(double n, double df)
{
	double idf = log((n - df + 0.5) / (df + 0.5));
	return idf > FG_IDF_FLOOR ? idf : FG_IDF_FLOOR;
}

double fg_rank_similarity_idf(double n, double df)
{
	return log(1.0 + n / (df >= 1 ? df : 1));
}
