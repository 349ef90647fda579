namespace CpTraining.Domain.Programmes;

/// <summary>
/// The Norwegian model as TEKNA runs it: four plenary sessions of 3, 3, 3 and 2 days, 6–8 weeks apart,
/// home tasks in between, and a final session for management and investors. Session 1's agenda is the
/// one of the 2nd CPEE programme in Dnipropetrovsk (5–7 October 2010); sessions 2–4 follow the CP
/// assessment method (balances and options, feasibility, presentations).
/// </summary>
public static class NorwegianModelTemplate
{
    public const int MinWeeksBetweenSessions = 6;
    public const int MaxWeeksBetweenSessions = 8;
    public const int DefaultWeeksBetweenSessions = 7;

    /// <summary>Days of sessions 1–4; the last is the final session.</summary>
    public static readonly IReadOnlyList<int> SessionDays = [3, 3, 3, 2];

    private static readonly TimeOnly T0900 = new(9, 0);
    private static readonly TimeOnly T1030 = new(10, 30);
    private static readonly TimeOnly T1100 = new(11, 0);
    private static readonly TimeOnly T1230 = new(12, 30);
    private static readonly TimeOnly T1330 = new(13, 30);
    private static readonly TimeOnly T1500 = new(15, 0);
    private static readonly TimeOnly T1530 = new(15, 30);
    private static readonly TimeOnly T1700 = new(17, 0);

    // (day, start, end, English topic, Ukrainian topic)
    private static readonly (int Day, TimeOnly Start, TimeOnly End, string En, string Uk)[][] Agendas =
    [
        [
            (1, T0900, T1230, "Introduction to Cleaner Production", "Вступ до чистого виробництва"),
            (1, T1330, T1700, "Introduction to the Norwegian Model", "Вступ до Норвезької моделі"),
            (2, T0900, T1230, "Formulation of the environmental problems", "Формулювання екологічних проблем"),
            (2, T1330, T1500, "Planning and organization", "Планування та організація"),
            (2, T1530, T1700, "Mass and energy balances", "Матеріальні та енергетичні баланси"),
            (3, T0900, T1230, "Norwegian pollution control", "Норвезький контроль забруднення"),
            (3, T1330, T1530, "Tasks to be performed before second plenary session", "Завдання, які треба виконати до другої пленарної сесії"),
            (3, T1530, T1700, "Training session summary", "Підсумки навчальної сесії"),
        ],
        [
            (1, T0900, T1230, "Presentations of home tasks: company descriptions and environmental problems", "Презентації домашніх завдань: опис підприємств та екологічні проблеми"),
            (1, T1330, T1700, "Mass and energy balances of the focus process", "Матеріальні та енергетичні баланси ключового процесу"),
            (2, T0900, T1230, "Cost of waste streams and causes of losses", "Вартість потоків відходів і причини втрат"),
            (2, T1330, T1700, "Group work: balances of the participants' companies", "Групова робота: баланси підприємств учасників"),
            (3, T0900, T1230, "Generating Cleaner Production options", "Пошук варіантів чистого виробництва"),
            (3, T1330, T1530, "Tasks to be performed before third plenary session", "Завдання, які треба виконати до третьої пленарної сесії"),
            (3, T1530, T1700, "Training session summary", "Підсумки навчальної сесії"),
        ],
        [
            (1, T0900, T1230, "Presentations of home tasks: balances and Cleaner Production options", "Презентації домашніх завдань: баланси та варіанти чистого виробництва"),
            (1, T1330, T1700, "Technical feasibility of Cleaner Production options", "Технічна доцільність варіантів чистого виробництва"),
            (2, T0900, T1230, "Economic feasibility: investment, savings, payback and net present value", "Економічна доцільність: інвестиції, економія, окупність і чиста приведена вартість"),
            (2, T1330, T1700, "Environmental feasibility: integrating ecology and economy", "Екологічна доцільність: поєднання екології та економіки"),
            (3, T0900, T1100, "Financing Cleaner Production projects", "Фінансування проєктів чистого виробництва"),
            (3, T1100, T1230, "Implementation planning", "Планування впровадження"),
            (3, T1330, T1530, "Tasks to be performed before the final session", "Завдання, які треба виконати до заключної сесії"),
            (3, T1530, T1700, "Training session summary", "Підсумки навчальної сесії"),
        ],
        [
            (1, T0900, T1030, "Welcome to company management and potential investors", "Вітання керівництва підприємств і потенційних інвесторів"),
            (1, T1100, T1700, "Company presentations: Cleaner Production results and projects", "Презентації підприємств: результати та проєкти чистого виробництва"),
            (2, T0900, T1230, "Financing opportunities and dialogue with investors", "Можливості фінансування та діалог з інвесторами"),
            (2, T1330, T1500, "Programme results and evaluation", "Результати та оцінювання програми"),
            (2, T1530, T1700, "Certificates and closing of the programme", "Вручення сертифікатів і закриття програми"),
        ],
    ];

    /// <summary>The template agenda of a session, in Ukrainian when the programme language is Ukrainian, else English.</summary>
    public static IReadOnlyList<TemplateAgendaItem> AgendaFor(int sessionNumber, string language)
    {
        if (sessionNumber < 1 || sessionNumber > Agendas.Length)
        {
            return [];
        }

        var ukrainian = language == "uk";
        return Agendas[sessionNumber - 1]
            .Select(i => new TemplateAgendaItem(i.Day, i.Start, i.End, ukrainian ? i.Uk : i.En))
            .ToList();
    }
}

public sealed record TemplateAgendaItem(int Day, TimeOnly Start, TimeOnly End, string Topic);
