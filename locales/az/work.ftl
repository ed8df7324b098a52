# İş növləri (domain::work::WorkKind).
work-cleaning = Təmizlik
work-gardening = Bağçılıq və parklar
work-construction = Tikinti
work-repair = Təmir və baxım
work-kitchen = Mətbəx və qida
work-warehouse = Anbar və çeşidləmə
work-office = Ofis işi
work-care_elderly = Yaşlılara qulluq
work-care_disabled = Əlilliyi olan şəxslərə qulluq
work-childcare = Uşaqlara qulluq
work-education = Təhsil və kitabxanalar
work-driving = Sürücülük
work-animal_care = Heyvanlara qulluq
work-community_events = İcma tədbirləri
work-sports = İdman obyektləri
work-retail = Xeyriyyə mağazaları və satış
