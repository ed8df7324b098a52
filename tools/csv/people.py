#!/usr/bin/env python3
"""Writes CSV files of fictional volunteers or clients for timing `korpu import`.

    tools/csv/people.py volunteers 10000 > volunteers.csv
    tools/csv/people.py clients 10000 coordinator@example.az > clients.csv

Every row is valid; names use Azerbaijani letters. The clients need a coordinator account
(`korpu user add --role coordinator`) named as the last argument.
"""
import csv
import sys

FIRST = ["Gülnarə", "İlkin", "Şahin", "Günay", "Rəna", "Əli", "Çinarə", "Ülvi", "Ağa", "Sevinc"]
LAST = ["Əliyeva", "Şükürov", "Qasımov", "İsmayılova", "Qədirova", "Hüseynov", "Məmmədova", "Bağırov"]
PLACES = ["Bakı", "Sumqayıt", "Gəncə", "Şəki", "Lənkəran"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


def name(i):
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def volunteers(n, out):
    out.writerow(["name", "email", "languages", "roles", "settlement", "travel_km",
                  "availability", "motivation", "stage", "check_outcome", "checked_on",
                  "check_expires_on", "consent_on"])
    stages = ["email_verified", "interview", "background_check", "training"]
    for i in range(n):
        stage = stages[i % len(stages)]
        check = ["passed", "2026-02-01", "2029-02-01"] if stage == "training" else ["", "", ""]
        out.writerow([name(i), f"volunteer{i}@example.az", "az; ru", "mentor",
                      PLACES[i % len(PLACES)], 10 + i % 40,
                      f"{DAYS[i % len(DAYS)]} 09:00-13:00", "Kömək etmək istəyirəm", stage,
                      *check, "2026-01-15"])


def clients(n, coordinator, out):
    out.writerow(["name", "birth_date", "languages", "settlement", "needs", "availability",
                  "coordinator", "notes"])
    for i in range(n):
        out.writerow([name(i), f"{1960 + i % 40}-0{1 + i % 9}-1{i % 10}", "az",
                      PLACES[i % len(PLACES)], "employment; housing",
                      f"{DAYS[i % len(DAYS)]} 14:00-18:00", coordinator, f"Qeyd {i}"])


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    out = csv.writer(sys.stdout, lineterminator="\n")
    if kind == "volunteers":
        volunteers(n, out)
    elif kind == "clients":
        clients(n, sys.argv[3], out)
    else:
        sys.exit("kind: volunteers or clients")


if __name__ == "__main__":
    main()
