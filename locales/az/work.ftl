# İş növləri (domain::work::WorkKind): sahələr və məhdudiyyətlər üçün ortaq siyahı.
work-cleaning = Təmizlik
work-gardening = Bağçılıq və yaşıllıqlar
work-construction = Tikinti
work-repair = Təmir və texniki qulluq
work-kitchen = Mətbəx və qida
work-warehouse = Anbar və çeşidləmə
work-office = Ofis işi
work-care_elderly = Yaşlılara qulluq
work-care_disabled = Əlilliyi olan şəxslərə qulluq
work-childcare = Uşaqlarla iş
work-education = Təhsil və kitabxanalar
work-driving = Sürücülük
work-animal_care = Heyvanlara qulluq
work-community_events = İcma tədbirləri
work-sports = İdman obyektləri
work-retail = Xeyriyyə mağazaları və pərakəndə satış
