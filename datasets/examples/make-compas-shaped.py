#!/usr/bin/env python3
"""Writes compas-shaped.csv: synthetic rows laid out like ProPublica's compas-scores-two-years.csv.

The column names, the race and sex labels, the age bands and the Low/Medium/High score text follow
ProPublica's published file (https://github.com/propublica/compas-analysis, compas-scores-two-years.csv;
method: https://www.propublica.org/article/how-we-analyzed-the-compas-recidivism-algorithm). The group
sizes are that file's 7,214 rows divided by four (African-American 3,696, Caucasian 2,454, Hispanic 637,
Other 377, Asian 32, Native American 18; 19 % women). Every value is drawn here from a seeded generator:
no row is a real person, and the figures illustrate the tool, not COMPAS.

Run: /usr/bin/python3 datasets/examples/make-compas-shaped.py  (deterministic: same bytes every time)
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20160523)  # the date ProPublica published "Machine Bias"

RACES = [("African-American", 924), ("Caucasian", 614), ("Hispanic", 159), ("Other", 94), ("Asian", 8), ("Native American", 5)]
# Mean decile per race, shifted as the published deciles are (higher for African-American defendants).
SHIFT = {"African-American": 1.2, "Caucasian": -0.6, "Hispanic": -0.8, "Other": -1.0, "Asian": -1.0, "Native American": 0.5}

rows = []
for race, size in RACES:
    for _ in range(size):
        sex = "Female" if rng.random() < 0.19 else "Male"
        age = int(np.clip(rng.gamma(4.0, 8.5) + 18, 18, 80))
        age_cat = "Less than 25" if age < 25 else ("Greater than 45" if age > 45 else "25 - 45")
        priors = int(rng.poisson(3.2 + (1.0 if race == "African-American" else 0.0)))
        latent = 4.0 + SHIFT[race] + 0.35 * priors - 0.05 * (age - 35) - (0.6 if sex == "Female" else 0.0) + rng.normal(0, 1.8)
        decile = int(np.clip(round(latent), 1, 10))
        text = "Low" if decile <= 4 else ("Medium" if decile <= 7 else "High")
        p = 1 / (1 + np.exp(-(-1.6 + 0.28 * decile)))
        recid = int(rng.random() < p)
        rows.append((sex, age, age_cat, race, priors, decile, text, recid))

with open(os.path.join(HERE, "compas-shaped.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "sex", "age", "age_cat", "race", "priors_count", "decile_score", "score_text", "two_year_recid"])
    for i, r in enumerate(rows, start=1):
        w.writerow([i, *r])
