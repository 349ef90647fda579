namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// The home tasks of the Norwegian model, following the CP assessment method (seed 001): after session 1 the company
/// and its problems, after session 2 the balance of the focus process and what its losses cost, after session 3 the
/// CP options and their feasibility. English and Ukrainian; other languages get the English text to translate.
/// </summary>
public static class StandardHomeTasks
{
    public sealed record Entry(int AfterSession, int Position, string Title, string Instructions, bool IsPresented, TaskAttachments Attachments);

    // (after session, English title, English instructions, Ukrainian title, Ukrainian instructions, presented at the next
    // session, what engineers attach: the balance tasks a worksheet, the options tasks their options register)
    private static readonly (int After, string En, string EnText, string Uk, string UkText, bool Presented, TaskAttachments Attach)[] Tasks =
    [
        (1, "Company description and process flow chart",
            "Describe your company: products, production volume, number of employees, main raw materials, energy and water use.\n\nDraw a **process flow chart** of the whole plant (main steps, inputs and outputs). Attach it as a PDF or a photo.",
            "Опис підприємства та технологічна схема",
            "Опишіть підприємство: продукцію, обсяги виробництва, кількість працівників, основну сировину, споживання енергії та води.\n\nНакресліть **технологічну схему** всього підприємства (основні стадії, входи та виходи). Додайте її як PDF або фото.",
            true,
            TaskAttachments.None),
        (1, "Formulation of the environmental problems",
            "List the environmental problems of your company: emissions to air, wastewater, solid and hazardous waste, use of energy and resources. For each, say **where** it comes from, **how much** (with units) and **why** it matters (law, cost, neighbours, health).",
            "Формулювання екологічних проблем",
            "Перелічіть екологічні проблеми підприємства: викиди в повітря, стічні води, тверді та небезпечні відходи, використання енергії та ресурсів. Для кожної вкажіть, **звідки** вона походить, **скільки** (з одиницями) і **чому** вона важлива (законодавство, витрати, сусіди, здоров'я).",
            true,
            TaskAttachments.None),
        (1, "CP team and plan",
            "Name your company's Cleaner Production team (members, roles, who leads) and the plan of the assessment until the final session: what will be done, by whom, by when.",
            "Команда та план чистого виробництва",
            "Назвіть команду чистого виробництва підприємства (учасники, ролі, керівник) і план оцінювання до заключної сесії: що буде зроблено, ким і до якого терміну.",
            false,
            TaskAttachments.None),
        (1, "Choice of the focus area",
            "Choose the process or department the assessment will focus on and explain why: its share of waste, emissions or costs, and the chance to improve it.",
            "Вибір ключової ділянки",
            "Оберіть процес або підрозділ, на якому зосередиться оцінювання, і поясніть чому: його частка у відходах, викидах чи витратах і можливості покращення.",
            true,
            TaskAttachments.None),
        (2, "Mass and energy balance of the focus process",
            "Build the **mass and energy balance** of the focus process: all inputs and outputs per step, with units, period and how each figure was obtained (measured, calculated, estimated). Say how well the balance closes.",
            "Матеріальний та енергетичний баланс ключового процесу",
            "Складіть **матеріальний та енергетичний баланс** ключового процесу: усі входи й виходи по стадіях, з одиницями, періодом і способом отримання кожної цифри (виміряно, розраховано, оцінено). Вкажіть, наскільки баланс сходиться.",
            true,
            TaskAttachments.Worksheet),
        (2, "Cost of the waste streams",
            "For each waste and loss stream of the balance, give its yearly amount, the value of the lost material and the disposal or treatment fee. Which losses cost the most?",
            "Вартість потоків відходів",
            "Для кожного потоку відходів і втрат із балансу вкажіть річну кількість, вартість втраченого матеріалу та плату за утилізацію чи очищення. Які втрати коштують найбільше?",
            true,
            TaskAttachments.Worksheet),
        (2, "Causes of losses",
            "For the most expensive losses, find the causes: raw materials, technology, equipment, process control, maintenance, people, product, waste handling.",
            "Причини втрат",
            "Для найдорожчих втрат знайдіть причини: сировина, технологія, обладнання, керування процесом, обслуговування, персонал, продукт, поводження з відходами.",
            false,
            TaskAttachments.None),
        (3, "Cleaner Production options",
            "List the Cleaner Production options you found, each with its **category**: good housekeeping, input material change, better process control, equipment modification, technology change, on-site recovery/reuse, production of a useful by-product, product modification.",
            "Варіанти чистого виробництва",
            "Перелічіть знайдені варіанти чистого виробництва, кожен з **категорією**: належне ведення господарства, заміна сировини, краще керування процесом, модифікація обладнання, зміна технології, повторне використання на місці, виробництво корисного побічного продукту, модифікація продукту.",
            true,
            TaskAttachments.Options),
        (3, "Feasibility of the options",
            "For the most promising options, show the **technical**, **economic** (investment, savings, payback, NPV) and **environmental** feasibility.",
            "Доцільність варіантів",
            "Для найперспективніших варіантів покажіть **технічну**, **економічну** (інвестиції, економія, окупність, ЧПВ) та **екологічну** доцільність.",
            true,
            TaskAttachments.Options),
        (3, "Implementation plan for the final session",
            "Prepare the implementation plan you will present to management and investors at the final session: options chosen, investment needed, dates and responsible people.",
            "План впровадження для заключної сесії",
            "Підготуйте план впровадження, який ви представите керівництву та інвесторам на заключній сесії: обрані варіанти, потрібні інвестиції, терміни та відповідальні особи.",
            true,
            TaskAttachments.None),
    ];

    public static IReadOnlyList<Entry> For(string language)
    {
        var uk = language == "uk";
        return Tasks
            .GroupBy(t => t.After)
            .SelectMany(g => g.Select((t, i) => new Entry(t.After, i + 1, uk ? t.Uk : t.En, uk ? t.UkText : t.EnText, t.Presented, t.Attach)))
            .ToList();
    }
}
